<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>会話（%n ターン、以前の {hidden} ターンを非表示）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>会話（%n ターン）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ この応答に個人情報の可能性があります（%n 件）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 件一致</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>レビュアーの回答 — %n 人、重大度 {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>ソース · %n 件の文書</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln 件のタスク</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 文字</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>{title}の問題</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>回答の問題</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>タスク全体</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>回答フォーム</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} が断然良い</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} が良い</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label}
断然良い</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
が良い</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} が良い（{strength}）</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
が良い（{strength}）</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>同等</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>この質問は 2 つの応答を比較します。このタスクには {count} 件あります。</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name}（キー {key}、もう一度クリックで解除）</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name}（もう一度クリックで解除）</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>ショートカット: {key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>キー 1–{last} で段階を選択します。A と B は表示中の応答です。</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = 最低、{hi} = 最高。選んだ点数をもう一度クリックすると解除します。</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>PII にチェック</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who}: 個人情報フラグを付ける</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>この応答に個人情報の可能性があるものが見つかりました。該当する場合はフラグを付けてください</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>タスク全体</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who}: {label}（Space で切り替え）</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title}: {option}（Space で切り替え）</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title}: {option}（もう一度クリックで解除）</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>必須（{n} 文字以上）</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>{rules} の場合は必須</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>{rules} の場合は必須（{n} 文字以上）</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>現在は任意。{rules} の場合は必須</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>現在は任意。{rules} の場合は必須（{n} 文字以上）</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>{title}のルール</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title}（Tab でテキストボックスを離れます）</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} 文字（最大 {most} 文字）</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} / {least} 文字以上（あと {more} 文字）</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} / {least} 文字以上</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>順位付けの状態</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title}: 順位順の応答、最良が先頭</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>ドラッグで並べ替え。{keys}。Enter でこの順序を確定します。</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title}: 大きなエディタ</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>書き直し用の大きなエディタ</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>書き直しの変更</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>元にする応答</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>書き直しの元</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>書き直しの元になる応答（その変更が表示されます）</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>元にできる応答</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>書き直しのテキスト（markdown）</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>あなたの回答（markdown）（Tab でテキストを離れます。{RESET_KEY} で元に戻し、{LARGE_KEY} で大きなウィンドウを開きます）</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>書き直しの文字数</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>書き直しの問題</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>元のテキストに戻す</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>元の応答のテキストに戻します（{RESET_KEY}、取り消し可能）</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>大きなエディタ…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>大きなウィンドウで編集</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>変更とプレビューを並べて編集（{LARGE_KEY}）</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>書き直しの変更とプレビュー</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>元のテキストとの差分</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>書き直しのプレビュー</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>応答を選択…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>上で元にする応答を選んでください。</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>ここに回答を markdown で書いてください。</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;白紙から作成：比較する元のテキストはありません。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>{name}を採点（基準の一覧で Tab / Shift+Tab）</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>採点中の応答のスコアと進捗</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>タグの付いた基準を表示</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>このタグの付いた基準だけを表示</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>基準のタグ</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>未採点のみ（U）</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>まだ採点していない基準だけを表示</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>この応答でまだ採点していない基準だけを表示（U）</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y 満たす · N 満たさない · − 該当なし · Backspace で解除 · Enter でメモ · Tab / Shift+Tab で次 / 前の応答 · U で未採点の基準のみ</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>現在の基準</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>現在の基準の全文</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>現在の基準へのメモ</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Enter または Esc: 基準に戻る、Shift+Enter: 改行</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name}: スコア {words}、{total} 件中 {graded} 件採点済み</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>このタスクには基準がありません。</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>{name}の基準、{total} 件中 {shown} 件を表示</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>{name}の基準</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>フィルタに一致する基準はありません。</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>このタスクには基準がありません。</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>表示中の基準はすべて{name}について採点済みです。</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>基準 {number} / {n_criteria} · {points} · {symbol} {word}（{name}）</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>{where}へのメモ</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>基準 {number} へのメモ（任意、一覧で Enter）</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>先にこの基準を採点してください（Y、N または −）。その後 Enter でメモを書けます。</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} — 先に採点してください（Y、N または −）。</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>作成した基準</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>基準（順番どおり）</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>↑/↓ で選択 · Alt+↑ / Alt+↓ で移動 · Delete で削除 · Enter でテキストを編集 · {ADD_KEY} で基準を追加</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>編集中の基準</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>基準のテキスト</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>良い応答がすること（減点の場合は、してはならないこと）</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>基準（Tab で点数へ）</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>基準の点数</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>{MIN_POINTS}〜+{MAX_POINTS}。負の点数は、応答がこれをした場合の減点です</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>基準のタグ</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>Space でタグを付ける / 外す</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>タグ（カンマ区切り、任意）</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>任意のタグ。例: axis:accuracy, theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>この基準の問題</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>基準を追加（{ADD_KEY}）</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>基準は最大 {max_criteria} 件です。先に 1 件削除してください</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>基準はまだありません。{ADD_KEY} で追加できます。</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>基準 {number} / {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>基準は最大 {max_criteria} 件です。先に 1 件削除してください。</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>応答 {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name}: {low}〜{high}。最も低い段階（—）で解除します</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} もう一度お試しください。</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>Docket へようこそ</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>ワークスペースフォルダ（新規の場合は作成）:</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>あなたの鍵（NAME.key）:</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>インポートするバンドル（任意）:</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>サーバーの公開カード（server.pub）:</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>Docket はレビューを暗号化してワークスペースフォルダに保存し、あなたの鍵で解錠します。
鍵と公開カードは `docket keygen` で作成します（またはプロジェクトリーダーから受け取ります）。バンドルはプロジェクトのサーバーから届きます。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>ワークスペースフォルダ</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルを選択</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} はワークスペースフォルダでもバンドルファイルでもありません。</translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation>モデルが書いたとおりにテキストを表示（隠し文字は記号で表示）</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>応答 {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>応答 {letter} を原文で表示</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>以前のターンを表示 / 非表示</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>応答 {number} にフォーカス</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>比較する応答</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>「差分を表示」で比較する 2 つの応答</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>このタスクの隠し文字</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>{first} と {second} を比較</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>選好: A がはるかに良い … 同等 … B がはるかに良い</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>次のタスク</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>前のタスク</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>送信して次のタスクへ</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>下書きとして保存</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>タスクをスキップ（理由を尋ねます）</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>回答フォームにフォーカス（その後 Tab / 矢印キー、順位付けでは Alt+↑/↓、=、Enter）</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>フラグにフォーカス</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>根拠にフォーカス</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>書き直しにフォーカス（Ctrl+Shift+R で元に戻し、Ctrl+Shift+E で大きなエディタを開きます）</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>2 つの応答の差分を表示</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>長い会話の以前のターンを表示 / 非表示（または Tab でその行へ移動して Enter）</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>プロンプトと応答を検索</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>応答内の次 / 前の引用（Enter で文書を表示）</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>ソース欄にフォーカス（↑/↓: 文書）</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>文書内を検索（Enter / Shift+Enter: 次 / 前）</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>回答の編集を元に戻す / やり直す</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>フォーカス中の質問（なければ次の質問）に対する AI 審査員の提案を採用</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>確認待ちの AI 審査員の提案をすべて採用</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>拡大 / 縮小 / リセット</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>結果をエクスポート</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>バンドルをインポート</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>ロック（パスフレーズで解除）</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>この一覧</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>{what} のパスフレーズ:</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>このタスクをスキップ</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>スキップの理由</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>スキップする理由は？（例: 専門外、プロンプトが不明確）</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>短い理由がプロジェクトリーダーの助けになります:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>リンクを開きませんでした</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>このリンクは有効な Web アドレスではないため、開きません。</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>リンクを開きますか？</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>ガイドライン内を検索（Enter: 次へ）</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>ガイドライン内を検索</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>ガイドライン</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;このバンドルにはガイドラインが付属していません。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>一致なし</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket はロックされています</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>一定時間操作がなかったためロックしました。</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>画面がロックされたためロックしました。</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>コンピュータがスリープしたためロックしました。</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>最後の変更はまだ保存できていません（ディスクが拒否しました）。変更は保持され、ロック解除後に保存されます。</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>作業は保存されています。</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>ロック中は何も表示されません。</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>{reviewer} として続けるには {key} のパスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>{reviewer} として続けますか？</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>セキュリティ設定</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>しない</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>操作がない状態でロックするまでの時間:</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>Docket からコピーしたテキストを消去するまでの時間:</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>「しない」でそれぞれ無効になります。Ctrl+L ですぐにロックします。</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>Docket — {reviewer} — {name}</source>
        <translation>Docket — {reviewer} — {name}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存済み</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>送信されていません: {shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>{total} 件中 {done} 件回答済み</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>この方向にはもうタスクがありません。</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>このタスクには採用できる AI 審査員の提案がありません。</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>採用するものはもうありません。提案された回答はすべて採用済みか変更済みです。</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>{agent} の回答を採用しました: {names}。</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>あなたの回答を残しました。{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>送信しました。AI 審査員の回答があなたの回答の上に表示されています。Ctrl+Enter で自分の回答を残して次へ進むか、フォームを修正して再送信してください。</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>送信しました。期待される回答があなたの回答の上に表示されています。Ctrl+Enter または J で次のタスクへ。</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>送信しました。</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>下書きとして保存しました。</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>このキャリブレーションの回答は確定済みです。Ctrl+Enter または J で次のタスクへ。</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>新しい言語は Docket の次回起動時に適用されます。</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>1 日以上前の回答でまだエクスポートされていないものがあります（ファイル &gt; 結果をエクスポート）。</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>キャンセル中 …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>個人情報の可能性</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>表示(&amp;S)</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>テキスト内で選択（Enter）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>個人情報ではない：検出を却下、または復元（D）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>自分の印を削除（Delete）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>個人情報として印を付ける</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>個人情報の種類</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>種類(&amp;T):</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>選択範囲を個人情報として印を付ける(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>個人情報の可能性を復元（{what}）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>却下：個人情報ではない（{what}）(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>自分の個人情報の印を削除（{what}）(&amp;M)</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>キャリブレーションラウンド</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>練習用のセットです。送信するたびに期待される回答が表示されます。これらの回答はキャリブレーションのスコアにのみ反映されます。</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>回答が速すぎます</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;回答が速すぎます:&lt;/b&gt; {words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>回答が速すぎます: {words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>期待される回答 — あなたの回答と比べてください</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>期待される回答と解説</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>レビュアーの回答</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>設定を保存できませんでした: {exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>引用元</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>応答が引用するときの文書の ID（[1]、[doc-id]）</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>文書のタイトル</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>この文書を引用している応答</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>文書内の検索一致数</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>文書内を検索（Enter: 次、Shift+Enter: 前）</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>文書内を検索</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>前の一致</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>前の一致（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>次の一致</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>次の一致（Enter、F3）</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>たどった引用</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>文書 {id}: {title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} が [{label}{UNKNOWN_MARK}] を引用していますが、このタスクに文書「{key}」はありません。</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} {where} で [{label}] として引用: 文書 {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>どの文書にも一致なし</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>{total} 件中 {documents} 件の文書</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>{n:,}{more} 件中 {number} 件目 · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>印を付けた範囲</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>印を付けた範囲はありません。</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>範囲を編集</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>範囲に印を付ける</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>数字キーでラベルを選択、Tab で次へ、Enter で確定、Esc で取消。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ラベル(&amp;L)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>重大度(&amp;S)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>コメント(&amp;C)</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>AI 審査員の回答 — あなたの回答と比べてください</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>AI 審査員の回答と講評</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>AI 審査員（{agent}）— あなたの回答と比べてください</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>フラグ付き</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>すべてのタスク</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>未完了（新規または下書き）</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>バンドル内の位置</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>レビューの状態</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>プロンプト（ユーザーの最後のメッセージ）</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>実作業時間（分:秒）</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>プロンプトなし</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>状態 {status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>タスク {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>プロンプトと応答を検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>タスクを検索</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>プロンプトまたは応答にテキストを含むタスクだけを表示します。Enter ですぐに検索、Esc で消去します。</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>状態で絞り込む</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>この状態のタスクだけを表示</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>表示中のタスク</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>タスク一覧</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>タスク一覧の列</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>1 行に 1 タスク：番号、状態、プロンプト、所要時間。矢印キーでタスク間を移動して開きます。</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>検索に失敗しました</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>{total:,} 件中 {shown:,} 件を表示</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>一致するタスクはありません。検索を消去する（Esc）か「すべてのタスク」を選んでください。</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>タスクはまだありません。タスクバンドルをインポートして始めてください。</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>バンドルをインポート</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>Docket バンドル (*.docket);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>最後の変更はまだ保存されていません（前のメッセージを参照）。保存されてからバンドルをインポートしてください。</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>サーバーの公開カード（server.pub）</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>公開カード (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>{name} をインポート中 …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>このワークスペースには複数のバンドルがあります。開いているタスクのキャリブレーションラウンド（{source}）をエクスポートします。別のバンドルをエクスポートするには、そのバンドルのタスクを開いてください。</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>このワークスペースには複数のバンドルがあります。開いているタスクのタスクバンドル（{source}）をエクスポートします。別のバンドルをエクスポートするには、そのバンドルのタスクを開いてください。</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>回答済み: {answered}（フラグ付き: {flagged}）
スキップ: {skipped}
未送信の下書き: {drafts}（エクスポートされません）
タスク合計: {total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>結果をエクスポート</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>署名付きの結果バンドルを書き出しますか？</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>結果バンドルを保存</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>{answers} 件の回答（シーケンス {sequence}）を書き出しました:
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>数式の組版</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>数式はバックグラウンドで一度だけ組版され、ワークスペースに保存されます。それまではテキストで表示されます。</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>数式を組版できませんでした: {error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>このタスクにはソース文書がありません。</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>未保存 — 再試行中</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存済み</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>バンドルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>結果をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>ロック(&amp;L)</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>セキュリティ設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>タスク(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>次のタスク(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>前のタスク(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>送信して次へ(&amp;S)</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>下書きとして保存(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>スキップ(&amp;K)…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>AI 審査員の提案を採用(&amp;G)</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>AI 審査員の提案をすべて採用</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>回答の編集を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>回答の編集をやり直す(&amp;R)</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>回答フォームにフォーカス(&amp;A)</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>フラグにフォーカス(&amp;F)</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>根拠にフォーカス(&amp;R)</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>書き直しにフォーカス(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>タスクを検索(&amp;S)</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>次の引用(&amp;C)</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>前の引用(&amp;I)</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>選択範囲を個人情報として印を付ける(&amp;P)…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>ソースにフォーカス(&amp;O)</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>文書内を検索(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>差分を表示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>スクロールを同期(&amp;S)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>ズームをリセット(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>システム(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>システムに合わせる</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>保存せずに終了しますか？</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>最後の変更を保存できませんでした（前のメッセージを参照）。Docket はまだ再試行しています。

この変更を失っても終了しますか？</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>ウィンドウの設定を保存できませんでした: {exc}</translation>
    </message>
</context>
</TS>
