<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>Unterhaltung (%n Beitrag, {hidden} frühere ausgeblendet)</numerusform>
            <numerusform>Unterhaltung (%n Beiträge, {hidden} frühere ausgeblendet)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>Unterhaltung (%n Beitrag)</numerusform>
            <numerusform>Unterhaltung (%n Beiträge)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ Möglicherweise personenbezogene Daten in dieser Antwort (%n Fund).</numerusform>
            <numerusform>⚠ Möglicherweise personenbezogene Daten in dieser Antwort (%n Funde).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>Antworten der Gutachter – %n Gutachter, Schweregrad {severity:g}</numerusform>
            <numerusform>Antworten der Gutachter – %n Gutachter, Schweregrad {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>Quellen · %n Dokument</numerusform>
            <numerusform>Quellen · %n Dokumente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln Aufgabe</numerusform>
            <numerusform>%Ln Aufgaben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n Zeichen</numerusform>
            <numerusform>%n Zeichen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>Problem bei {title}</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>Problem bei den Antworten</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>Ganze Aufgabe</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>Antwortformular</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} viel besser</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} besser</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label} viel
besser</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
besser</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} besser ({strength})</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
besser ({strength})</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Gleich</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>Diese Frage vergleicht zwei Antworten; diese Aufgabe hat {count}.</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name} (Taste {key}; erneut klicken zum Aufheben)</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name} (erneut klicken zum Aufheben)</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>Tastenkürzel: {key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>Die Tasten 1–{last} wählen eine Stufe; A und B sind die angezeigten Antworten.</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = niedrigste, {hi} = höchste Stufe; eine gewählte Stufe erneut klicken hebt sie auf.</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>PII-Flag setzen</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who}: als PII kennzeichnen</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>In dieser Antwort wurden mögliche personenbezogene Daten (PII) gefunden: kennzeichnen Sie sie, falls zutreffend</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>Ganze Aufgabe</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who}: {label} (Leertaste schaltet um)</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title}: {option} (Leertaste schaltet um)</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title}: {option} (erneut klicken zum Aufheben)</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>Pflichtfeld (mindestens {n} Zeichen)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>Pflichtfeld bei {rules}</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>Pflichtfeld bei {rules} (mindestens {n} Zeichen)</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>Jetzt optional; Pflichtfeld bei {rules}</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>Jetzt optional; Pflichtfeld bei {rules} (mindestens {n} Zeichen)</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>Regel für {title}</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title} (Tab verlässt das Textfeld)</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} Zeichen; höchstens {most}</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} von mindestens {least} Zeichen (noch {more})</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} von mindestens {least} Zeichen</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>Stand der Rangfolge</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title}: Antworten in Rangfolge, die beste zuerst</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>Zum Umordnen ziehen. {keys}; Enter übernimmt diese Reihenfolge.</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title}: großer Editor</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>Großer Editor für die Neufassung</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>Änderungen der Neufassung</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Ausgangspunkt</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>Neufassung beruht auf</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>Die Antwort, auf der Ihre Neufassung beruht (ihre Änderungen werden angezeigt)</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>Antworten als Ausgangspunkt</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>Text der Neufassung (Markdown)</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>Ihre Antwort in Markdown (Tab verlässt den Text; {RESET_KEY} stellt das Original wieder her; {LARGE_KEY} öffnet ein großes Fenster)</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>Umfang der Neufassung</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>Problem mit der Neufassung</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>Original wiederherstellen</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>Den Text der Ausgangsantwort wiederherstellen ({RESET_KEY}; rückgängig zu machen)</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>Großer Editor…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>In einem großen Fenster bearbeiten</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>Mit Änderungen und Vorschau nebeneinander bearbeiten ({LARGE_KEY})</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>Änderungen und Vorschau der Neufassung</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>Änderungen gegenüber dem Ausgangstext</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>Vorschau der Neufassung</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>Antwort wählen…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>Wählen Sie oben die Antwort, von der Sie ausgehen.</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>Schreiben Sie die Antwort hier, in Markdown.</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;Ohne Vorlage geschrieben: kein Vergleichstext.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>{name} bewerten (Tab / Umschalt+Tab in der Kriterienliste)</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>Punktzahl und Fortschritt der bewerteten Antwort</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>Kriterien mit diesem Schlagwort anzeigen</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>Nur die Kriterien mit diesem Schlagwort anzeigen</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>Schlagwörter der Kriterien</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>Nur offene (U)</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>Nur noch nicht bewertete Kriterien anzeigen</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>Nur die für diese Antwort noch nicht bewerteten Kriterien anzeigen (U)</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y erfüllt · N nicht erfüllt · − nicht zutreffend · Rücktaste löscht · Enter schreibt eine Notiz · Tab / Umschalt+Tab nächste / vorige Antwort · U nur offene Kriterien</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>Aktuelles Kriterium</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>Volltext des aktuellen Kriteriums</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>Notiz zum aktuellen Kriterium</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Enter oder Esc: zurück zu den Kriterien; Umschalt+Enter: neue Zeile</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name}: Punktzahl {words}, {graded} von {total} bewertet</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>Keine Kriterien für diese Aufgabe.</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>Kriterien für {name}, {shown} von {total} angezeigt</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>Kriterien für {name}</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>Kein Kriterium entspricht dem Filter.</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>Diese Aufgabe hat keine Kriterien.</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>Jedes angezeigte Kriterium ist für {name} bewertet.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>Kriterium {number} von {n_criteria} · {points} · {symbol} {word} für {name}</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>Notiz zu {where}</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>Notiz zu Kriterium {number} (optional; Enter in der Liste)</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>Bewerten Sie zuerst dieses Kriterium (Y, N oder −); danach schreibt Enter eine Notiz.</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} – zuerst bewerten (Y, N oder −).</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>Verfasste Kriterien</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>Kriterien in Reihenfolge</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>Auf/Ab wählen · Alt+Auf / Alt+Ab verschieben · Entf entfernt · Enter bearbeitet den Text · {ADD_KEY} fügt ein Kriterium hinzu</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>Bearbeitetes Kriterium</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>Text des Kriteriums</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>Was eine gute Antwort tut (oder, bei einem Abzug, nicht tun darf)</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>Das Kriterium (Tab wechselt zu seinen Punkten)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>Punkte des Kriteriums</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>{MIN_POINTS} bis +{MAX_POINTS}; negative Punkte sind ein Abzug, wenn eine Antwort dies tut</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>Schlagwörter des Kriteriums</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>Die Leertaste setzt oder entfernt das Schlagwort</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>Schlagwörter, durch Kommas getrennt (optional)</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>Beliebige Schlagwörter, z. B. axis:accuracy, theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>Probleme mit diesem Kriterium</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>Kriterium hinzufügen ({ADD_KEY})</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>Höchstens {max_criteria} Kriterien: entfernen Sie zuerst eines</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>Noch keine Kriterien: {ADD_KEY} fügt eines hinzu.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>Kriterium {number} von {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>Höchstens {max_criteria} Kriterien: entfernen Sie zuerst eines.</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>Antwort {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name}: {low} bis {high}; die niedrigste Stufe (—) löscht die Angabe</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>Willkommen bei Docket</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>Arbeitsordner (wird bei Bedarf angelegt):</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>Ihr Schlüssel (NAME.key):</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>Zu importierendes Paket (optional):</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>Öffentliche Karte des Servers (server.pub):</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>Docket bewahrt Ihre Begutachtung verschlüsselt in einem Arbeitsordner auf, entsperrt mit Ihrem Schlüssel.
Schlüssel und öffentliche Karte erzeugt `docket keygen` (oder Ihre Projektleitung); Pakete kommen vom Projektserver.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Arbeitsordner</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} ist weder ein Arbeitsordner noch eine Paketdatei.</translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation>Rohtext</translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation>Den Text genau so zeigen, wie das Modell ihn geschrieben hat (versteckte Zeichen als Markierungen)</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>Antwort {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>Antwort {letter} als Rohtext zeigen</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>Frühere Beiträge ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>Antwort {number} fokussieren</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>Zu vergleichende Antworten</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>Welche zwei Antworten „Unterschiede zeigen“ vergleicht</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>Versteckte Zeichen in dieser Aufgabe</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>{first} mit {second} vergleichen</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>Präferenz: A viel besser … gleichwertig … B viel besser</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>Nächste Aufgabe</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>Vorige Aufgabe</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>Absenden und zur nächsten Aufgabe</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Als Entwurf behalten</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>Aufgabe überspringen (fragt nach einem Grund)</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>Antwortformular fokussieren (dann Tab / Pfeiltasten; in einer Rangfolge Alt+Auf/Ab, =, Enter)</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>Markierungen fokussieren</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>Begründung fokussieren</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>Neufassung fokussieren (Strg+Umschalt+R setzt sie auf den Ausgangstext zurück, Strg+Umschalt+E öffnet einen großen Editor)</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>Unterschiede zwischen zwei Antworten zeigen</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>Frühere Beiträge einer langen Unterhaltung ein-/ausblenden (oder mit Tab zu ihrer Zeile, Enter)</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>Prompts und Antworten durchsuchen</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>Nächste / vorige Quellenangabe in einer Antwort (Enter zeigt ihr Dokument)</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>Quellenbereich fokussieren (Auf/Ab: Dokumente)</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>In den Dokumenten suchen (Enter / Umschalt+Enter: nächster / voriger Treffer)</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>Antwortänderung rückgängig / wiederherstellen</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>Vorschlag des KI-Gutachters für die fokussierte Frage übernehmen (sonst für die nächste)</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>Alle noch zu bestätigenden Vorschläge des KI-Gutachters übernehmen</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>Vergrößern / verkleinern / zurücksetzen</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>Paket importieren</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>Sperren (die Passphrase entsperrt)</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Diese Übersicht</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>Passphrase für {what}:</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>Diese Aufgabe überspringen</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>Grund für das Überspringen</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>Warum überspringen? (z. B. außerhalb meines Fachgebiets, Prompt unklar)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>Eine kurze Begründung hilft der Projektleitung:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Link nicht geöffnet</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>Dieser Link ist keine gültige Webadresse; er wird nicht geöffnet.</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>Link öffnen?</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>In den Richtlinien suchen (Enter: weiter)</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>In den Richtlinien suchen</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Mit diesem Paket kamen keine Richtlinien.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket ist gesperrt</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>Nach einer Zeit ohne Aktivität gesperrt.</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>Gesperrt, weil der Bildschirm gesperrt wurde.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>Gesperrt, weil der Computer in den Ruhezustand ging.</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>Ihre letzte Änderung konnte noch nicht gespeichert werden (der Datenträger hat sie abgelehnt); sie bleibt erhalten und wird nach dem Entsperren gespeichert.</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>Ihre Arbeit ist gespeichert.</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>Solange gesperrt ist, wird nichts davon angezeigt.</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>Geben Sie die Passphrase von {key} ein, um als {reviewer} fortzufahren.</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>Als {reviewer} fortfahren?</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>Sicherheitseinstellungen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>Sperren nach dieser Zeit ohne Aktivität:</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>Aus Docket kopierten Text löschen nach:</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>„Nie“ schaltet beides ab. Strg+L sperrt sofort.</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>Docket — {reviewer} — {name}</source>
        <translation>Docket – {reviewer} – {name}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>Nicht abgesendet: {shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>{done} / {total} beantwortet</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>Keine weiteren Aufgaben in dieser Richtung.</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>Diese Aufgabe hat keinen Vorschlag des KI-Gutachters zum Übernehmen.</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>Nichts mehr zu übernehmen: Jede vorgeschlagene Antwort ist übernommen oder geändert.</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>Antwort von {agent} übernommen: {names}.</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>Ihre Antwort wurde behalten.{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>Abgesendet. Die Antwort des KI-Gutachters steht über Ihrer: Strg+Enter behält Ihre und geht weiter, oder überarbeiten Sie das Formular und senden Sie erneut ab.</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>Abgesendet. Die erwartete Antwort steht über Ihrer; Strg+Enter oder J für die nächste Aufgabe.</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>Abgesendet.</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>Als Entwurf behalten.</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>Diese Kalibrierungsantwort ist endgültig; Strg+Enter oder J für die nächste Aufgabe.</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Docket.</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>Einige Antworten sind älter als einen Tag und noch nicht exportiert (Datei &gt; Ergebnisse exportieren).</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>Wird abgebrochen …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>Mögliche personenbezogene Daten</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>Im Text auswählen (Enter)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>Keine personenbezogenen Daten: Fund verwerfen oder wiederherstellen (D)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>Ihre Markierung entfernen (Entf)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>Als personenbezogene Daten markieren</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>Art der personenbezogenen Daten</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>Auswahl als &amp;personenbezogen markieren…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>Mögliche personenbezogene Daten &amp;wiederherstellen ({what})</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>&amp;Verwerfen: nicht personenbezogen ({what})</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>Ihre Markierung als personenbezogen ent&amp;fernen ({what})</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>Kalibrierungsrunde</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>Ein Übungssatz: Nach jedem Absenden wird die erwartete Antwort gezeigt; diese Antworten zählen nur für Ihren Kalibrierungswert.</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>Schnell beantwortet</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;Schnell beantwortet:&lt;/b&gt; {words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>Schnell beantwortet: {words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>Erwartete Antwort – vergleichen Sie mit Ihrer</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>Erwartete Antwort und Erläuterung</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>Antworten der Gutachter</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: {exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>Dok.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>Zitiert in</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>Die Kennung des Dokuments, wie Antworten es zitieren ([1], [doc-id])</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>Der Titel des Dokuments</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>Welche Antworten das Dokument zitieren</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>Treffer der Suche im Dokument</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>In den Dokumenten suchen (Enter: nächster, Umschalt+Enter: voriger)</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>In den Dokumenten suchen</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Voriger Treffer</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>Voriger Treffer (Umschalt+Enter, Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>Nächster Treffer (Enter, F3)</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Suchergebnis</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>Verfolgte Quellenangabe</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>Dokument {id}: {title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} zitiert [{label}{UNKNOWN_MARK}]: In dieser Aufgabe gibt es kein Dokument „{key}“.</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} Als [{label}] zitiert in {where}: Dokument {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>Kein Treffer in einem Dokument</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>in {documents} von {total} Dokumenten</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>Treffer {number} von {n:,}{more} · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>Markierte Textstellen</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>Keine Textstellen markiert.</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>Textstelle bearbeiten</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>Textstelle markieren</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>Zifferntasten wählen ein Label; Tab geht weiter; Enter markiert, Esc bricht ab.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Label</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>&amp;Schweregrad</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>&amp;Kommentar</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>Antwort des KI-Gutachters – vergleichen Sie mit Ihrer</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>Antwort und Kritik des KI-Gutachters</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>Der KI-Gutachter ({agent}) – vergleichen Sie mit Ihrer Antwort</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>gekennzeichnet</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Alle Aufgaben</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>Offen (neu oder Entwurf)</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>Position im Paket</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Bearbeitungsstand</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>Der Prompt (letzte Nachricht des Nutzers)</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>Aktive Bearbeitungszeit (Minuten:Sekunden)</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>kein Prompt</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>Status {status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>Aufgabe {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>Prompts und Antworten durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Aufgaben durchsuchen</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>Zeigt nur Aufgaben, deren Prompt oder Antworten den Text enthalten. Enter sucht sofort; Esc leert das Feld.</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>Nur Aufgaben mit diesem Status anzeigen</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>Angezeigte Aufgaben</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>Aufgabenliste</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>Spalten der Aufgabenliste</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>Eine Zeile je Aufgabe: Nummer, Status, Prompt, aufgewendete Zeit. Die Pfeiltasten wechseln zwischen Aufgaben und öffnen sie.</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>Suche fehlgeschlagen</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>{shown:,} von {total:,} angezeigt</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>Keine Aufgabe passt. Leeren Sie die Suche (Esc) oder wählen Sie „Alle Aufgaben“.</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>Noch keine Aufgaben. Importieren Sie ein Aufgabenpaket, um zu beginnen.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>Paket importieren</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>Docket-Pakete (*.docket);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>Ihre letzte Änderung ist noch nicht gespeichert (siehe vorige Meldung); importieren Sie das Paket, sobald sie es ist.</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>Öffentliche Karte des Servers (server.pub)</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>Öffentliche Karten (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>{name} wird importiert …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>Dieser Arbeitsbereich enthält mehrere Pakete; exportiert wird die Kalibrierungsrunde der geöffneten Aufgabe ({source}). Öffnen Sie eine Aufgabe eines anderen Pakets, um jenes zu exportieren.</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>Dieser Arbeitsbereich enthält mehrere Pakete; exportiert wird das Aufgabenpaket der geöffneten Aufgabe ({source}). Öffnen Sie eine Aufgabe eines anderen Pakets, um jenes zu exportieren.</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>Beantwortet: {answered} (gekennzeichnet: {flagged})
Übersprungen: {skipped}
Nicht abgesendete Entwürfe: {drafts} (nicht exportiert)
Aufgaben insgesamt: {total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>Das signierte Ergebnispaket schreiben?</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>Ergebnispaket speichern</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>{answers} Antworten (Folge {sequence}) geschrieben nach
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>Formelsatz</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>Formeln werden einmal im Hintergrund gesetzt und im Arbeitsbereich aufbewahrt; bis dahin erscheinen sie als Text.</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>Formeln konnten nicht gesetzt werden: {error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>Diese Aufgabe hat keine Quelldokumente.</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>Nicht gespeichert – neuer Versuch läuft</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>Paket &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>Ergebnisse &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>Sicherheits&amp;einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Aufgabe</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>&amp;Nächste Aufgabe</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>&amp;Vorige Aufgabe</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>Ab&amp;senden und weiter</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>Als &amp;Entwurf behalten</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>Über&amp;springen…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>&amp;Vorschlag des KI-Gutachters übernehmen</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>Alle Vorschläge des KI-Gutachters übernehmen</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>Antwortänderung &amp;rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>Antwortänderung &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>&amp;Antwortformular fokussieren</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>&amp;Markierungen fokussieren</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>&amp;Begründung fokussieren</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>Neu&amp;fassung fokussieren</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>Aufgaben &amp;durchsuchen</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>Nächste &amp;Quellenangabe</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>Vorige Q&amp;uellenangabe</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>Auswahl als &amp;personenbezogen markieren…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>&amp;Quellen fokussieren</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>In D&amp;okumenten suchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>&amp;Unterschiede zeigen</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>&amp;Synchrones Scrollen</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>Ohne Speichern beenden?</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>Ihre letzte Änderung konnte nicht gespeichert werden (siehe vorige Meldung); Docket versucht es weiter.

Trotzdem beenden und diese Änderung verlieren?</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>Die Fenstereinstellungen konnten nicht gespeichert werden: {exc}</translation>
    </message>
</context>
</TS>
