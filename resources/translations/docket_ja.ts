<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>Problem with {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>Shortcut: {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Possible PII in this response ({things}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No match</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>Docket — {reviewer} — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
