<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="he">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>שיחה (תור %n, {hidden} קודמים מוסתרים)</numerusform>
            <numerusform>שיחה (%n תורות, {hidden} קודמים מוסתרים)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>שיחה (תור %n)</numerusform>
            <numerusform>שיחה (%n תורות)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ מידע אישי אפשרי בתשובה זו (ממצא %n).</numerusform>
            <numerusform>⚠ מידע אישי אפשרי בתשובה זו (%n ממצאים).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>התאמה %n</numerusform>
            <numerusform>%n התאמות</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>תשובות הסוקרים — סוקר %n, חומרה {severity:g}</numerusform>
            <numerusform>תשובות הסוקרים — %n סוקרים, חומרה {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>מקורות · מסמך %n</numerusform>
            <numerusform>מקורות · %n מסמכים</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>משימה %Ln</numerusform>
            <numerusform>%Ln משימות</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>תו %n</numerusform>
            <numerusform>%n תווים</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>רשות</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>בעיה ב{title}</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>בעיה בתשובות</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>המשימה כולה</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>טופס התשובה</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} עדיפה בהרבה</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} עדיפה</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label} עדיפה
בהרבה</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
עדיפה</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} עדיפה ({strength})</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
עדיפה ({strength})</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>תיקו</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>שאלה זו משווה בין שתי תשובות; במשימה זו יש {count}.</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name} (מקש {key}; לחיצה נוספת מנקה)</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name} (לחיצה נוספת מנקה)</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>קיצור מקשים: {key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>המקשים 1–{last} בוחרים דרגה; A ו־B הן התשובות המוצגות.</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = הנמוך ביותר, {hi} = הגבוה ביותר; לחיצה נוספת על ציון שנבחר מנקה אותו.</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>סימון PII</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who}: סימון מידע אישי</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>נמצא בתשובה זו מידע אישי אפשרי: סמנו אותה אם אכן כך</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>המשימה כולה</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who}: {label} (רווח מחליף מצב)</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title}: {option} (רווח מחליף מצב)</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title}: {option} (לחיצה נוספת מנקה)</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>חובה</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>חובה (לפחות {n} תווים)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>רשות</translation>
    </message>
    <message>
        <source> or </source>
        <translation> או </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>חובה כאשר {rules}</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>חובה כאשר {rules} (לפחות {n} תווים)</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>רשות כעת; חובה כאשר {rules}</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>רשות כעת; חובה כאשר {rules} (לפחות {n} תווים)</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>כלל: {title}</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title} (Tab יוצא מתיבת הטקסט)</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} תווים; לכל היותר {most}</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} מתוך לפחות {least} תווים (חסרים עוד {more})</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} מתוך לפחות {least} תווים</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>מצב הדירוג</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title}: התשובות לפי דירוג, הטובה ביותר ראשונה</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>גררו כדי לשנות את הסדר. {keys}; Enter שומר סדר זה.</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title}: עורך גדול</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>עורך גדול לניסוח מחדש</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>שינויי הניסוח מחדש</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>להתחיל מ־</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>הניסוח מחדש מתחיל מ־</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>התשובה שממנה מתחיל הניסוח מחדש שלכם (השינויים בה מוצגים)</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>תשובות להתחיל מהן</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>טקסט הניסוח מחדש (markdown)</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>התשובה שלכם ב־markdown‏ (Tab יוצא מהטקסט; {RESET_KEY} משחזר את המקור; {LARGE_KEY} פותח חלון גדול)</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>ספירות הניסוח מחדש</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>בעיה בניסוח מחדש</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>שחזור המקור</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>החזרת הטקסט של תשובת הבסיס ({RESET_KEY}; ניתן לביטול)</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>עורך גדול…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>עריכה בחלון גדול</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>עריכה עם השינויים והתצוגה המקדימה זה לצד זה ({LARGE_KEY})</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>שינויי הניסוח מחדש ותצוגה מקדימה</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>שינויים לעומת הבסיס</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>תצוגה מקדימה של הניסוח מחדש</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>שינויים</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>תצוגה מקדימה</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>בחרו תשובה…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>בחרו למעלה את התשובה שממנה מתחילים.</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>כתבו כאן את התשובה, ב־markdown.</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;נכתב מאפס: אין בסיס להשוואה.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>מתן ציון ל{name} (Tab / Shift+Tab ברשימת הקריטריונים)</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>ציון והתקדמות של התשובה המוערכת</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>הצגת קריטריונים עם התגית</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>הצגת הקריטריונים עם תגית זו בלבד</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>תגיות הקריטריונים</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>פתוחים בלבד (U)</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>הצגת הקריטריונים שטרם הוערכו בלבד</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>הצגת הקריטריונים שטרם הוערכו לתשובה זו בלבד (U)</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y מתקיים · N לא מתקיים · − לא רלוונטי · Backspace מנקה · Enter כותב הערה · Tab / Shift+Tab התשובה הבאה / הקודמת · U קריטריונים פתוחים בלבד</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>הקריטריון הנוכחי</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>הטקסט המלא של הקריטריון הנוכחי</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>הערה על הקריטריון הנוכחי</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Enter או Esc: חזרה לקריטריונים; Shift+Enter: שורה חדשה</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name}: ציון {words}, {graded} מתוך {total} הוערכו</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>אין קריטריונים למשימה זו.</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>קריטריונים ל{name}, מוצגים {shown} מתוך {total}</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>קריטריונים ל{name}</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>אין קריטריון התואם את הסינון.</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>למשימה זו אין קריטריונים.</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>כל קריטריון מוצג הוערך עבור {name}.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>קריטריון {number} מתוך {n_criteria} · {points} · {symbol} {word} עבור {name}</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>הערה על {where}</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>הערה על קריטריון {number} (רשות; Enter ברשימה)</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>העריכו תחילה קריטריון זה (Y, N או −); אחר כך Enter כותב הערה.</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} — העריכו אותו תחילה (Y, N או −).</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>קריטריונים שנכתבו</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>קריטריונים, לפי הסדר</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>למעלה/למטה לבחירה · Alt+למעלה / Alt+למטה להזזה · Delete מסיר · Enter עורך את הטקסט · {ADD_KEY} מוסיף קריטריון</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>קריטריון בעריכה</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>טקסט</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>טקסט הקריטריון</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>מה תשובה טובה עושה (או, בקנס, מה אסור לה לעשות)</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>הקריטריון (Tab עובר לנקודות שלו)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>נקודות</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>נקודות הקריטריון</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>מ־{MIN_POINTS} עד ‎+{MAX_POINTS}; נקודות שליליות הן קנס כשתשובה עושה זאת</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>תגיות</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>תגיות הקריטריון</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>רווח מסמן או מנקה את התגית</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>תגיות, מופרדות בפסיקים (רשות)</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>כל תגית, למשל axis:accuracy, theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>בעיות בקריטריון זה</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>הוספת קריטריון ({ADD_KEY})</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>לכל היותר {max_criteria} קריטריונים: הסירו אחד תחילה</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>עדיין אין קריטריונים: {ADD_KEY} מוסיף אחד.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>קריטריון {number} מתוך {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>לכל היותר {max_criteria} קריטריונים: הסירו אחד תחילה.</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>תשובה {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name}: מ־{low} עד {high}; הדרגה הנמוכה ביותר (—) מנקה</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} נסו שוב.</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>ברוכים הבאים ל־Docket</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>תיקיית עבודה (תיווצר אם היא חדשה):</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>המפתח שלכם (NAME.key):</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>חבילה לייבוא (רשות):</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>הכרטיס הציבורי של השרת (server.pub):</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>Docket שומר את הסקירה שלכם מוצפנת בתיקיית עבודה, שנפתחת במפתח שלכם.
המפתח והכרטיס הציבורי מגיעים מ־`docket keygen` (או ממוביל הפרויקט); החבילות מגיעות משרת הפרויקט.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>בחירה…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>תיקיית עבודה</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>בחירת קובץ</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} אינו תיקיית עבודה וגם לא קובץ חבילה.</translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation>גולמי</translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation>הצגת הטקסט בדיוק כפי שהמודל כתב אותו (תווים נסתרים כסימנים)</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>תשובה {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>הצגת תשובה {letter} כגולמית</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>פרומפט</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>הצגה או הסתרה של תורות קודמים</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>מיקוד בתשובה {number}</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>תשובות להשוואה</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>אילו שתי תשובות „הצגת הבדלים” משווה</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>תווים נסתרים במשימה זו</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>השוואת {first} עם {second}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>העדפה: A טובה בהרבה … תיקו … B טובה בהרבה</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>המשימה הבאה</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>המשימה הקודמת</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>שליחה ומעבר למשימה הבאה</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>שמירה כטיוטה</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>דילוג על המשימה (נדרשת סיבה)</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>מיקוד בטופס התשובה (ואז Tab / חיצים; בדירוג Alt+למעלה/למטה, =, Enter)</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>מיקוד בסימונים</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>מיקוד בנימוק</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>מיקוד בניסוח מחדש (Ctrl+Shift+R מחזיר אותו לבסיס, Ctrl+Shift+E פותח עורך גדול)</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>הצגת ההבדלים בין שתי תשובות</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>הצגה / הסתרה של התורות הקודמים בשיחה ארוכה (או Tab לשורה שלהם, Enter)</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>חיפוש בפרומפטים ובתשובות</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>ההפניה הבאה / הקודמת בתשובה (Enter מציג את המסמך שלה)</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>מיקוד בחלונית המקורות (למעלה/למטה: מסמכים)</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>חיפוש במסמכים (Enter / Shift+Enter: הבא / הקודם)</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>ביטול / ביצוע מחדש של עריכת תשובה</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>קבלת ההצעה של שופט הבינה המלאכותית לשאלה שבמיקוד (אחרת לבאה)</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>קבלת כל ההצעות של שופט הבינה המלאכותית שעדיין ממתינות לאישור</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>הגדלה / הקטנה / איפוס</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>ייצוא תוצאות</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>ייבוא חבילה</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>נעילה (ביטוי הסיסמה פותח)</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>דף זה</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>ביטוי סיסמה</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>ביטוי הסיסמה של {what}:</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>דילוג על משימה זו</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>סיבת הדילוג</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>למה לדלג? (למשל מחוץ לתחום המומחיות שלי, הפרומפט לא ברור)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>דילוג</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>סיבה קצרה עוזרת למוביל הפרויקט:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>קיצורי מקלדת</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>מקשים</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>פעולה</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>הקישור לא נפתח</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>קישור זה אינו כתובת אינטרנט תקינה; הוא לא ייפתח.</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>לפתוח את הקישור?</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>חיפוש בקווים המנחים (Enter: הבא)</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>חיפוש בקווים המנחים</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>קווים מנחים</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;לא הגיעו קווים מנחים עם חבילה זו.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>אין התאמה</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket נעול</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>ביטוי סיסמה</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ביטול נעילה</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>ננעל אחרי זמן ללא פעילות.</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>ננעל כי המסך ננעל.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>ננעל כי המחשב עבר למצב שינה.</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>עדיין לא ניתן היה לשמור את השינוי האחרון שלכם (הדיסק דחה אותו); הוא נשמר בזיכרון ויישמר אחרי ביטול הנעילה.</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>העבודה שלכם שמורה.</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>דבר ממנה אינו מוצג בזמן הנעילה.</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>הזינו את ביטוי הסיסמה של {key} כדי להמשיך בתור {reviewer}.</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>להמשיך בתור {reviewer}?</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>הגדרות אבטחה</translation>
    </message>
    <message>
        <source> min</source>
        <translation> דק׳</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>אף פעם</translation>
    </message>
    <message>
        <source> s</source>
        <translation> שנ׳</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>נעילה אחרי זמן זה ללא פעילות:</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>ניקוי טקסט שהועתק מ־Docket אחרי:</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>„אף פעם” מכבה כל אחד מהם. Ctrl+L נועל מיד.</translation>
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
        <translation>נשמר</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>לא נשלח: {shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>{done} / {total} נענו</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>אין משימות נוספות בכיוון זה.</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>למשימה זו אין הצעה של שופט הבינה המלאכותית לקבל.</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>לא נותר מה לקבל: כל תשובה מוצעת התקבלה או שונתה.</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>התשובה של {agent} התקבלה: {names}.</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>התשובה שלכם נשמרה.{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>נשלח. התשובה של שופט הבינה המלאכותית מוצגת מעל שלכם: Ctrl+Enter שומר את שלכם וממשיך, או תקנו את הטופס ושלחו שוב.</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>נשלח. התשובה הצפויה מוצגת מעל התשובה שלכם; Ctrl+Enter או J למשימה הבאה.</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>נשלח.</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>נשמר כטיוטה.</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>תשובת כיול זו סופית; Ctrl+Enter או J למשימה הבאה.</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>השפה החדשה תחול בהפעלה הבאה של Docket.</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>חלק מהתשובות ישנות מיום ועדיין לא יוצאו (קובץ &gt; ייצוא תוצאות).</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>ביטול</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>מבטל …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>מידע אישי אפשרי</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;הצגה</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>בחירתו בטקסט שלו (Enter)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>דחייה</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>לא מידע אישי: דחיית הממצא, או שחזורו (D)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>הסרה</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>הסרת הסימון שלכם (Delete)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>שחזור</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>סימון כמידע אישי</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>סוג המידע האישי</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;סוג:</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>סימון הבחירה כמידע &amp;אישי…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>&amp;שחזור מידע אישי אפשרי ({what})</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>&amp;דחייה: לא מידע אישי ({what})</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>ה&amp;סרת סימון המידע האישי שלכם ({what})</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>סבב כיול</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>סדרת אימון: התשובה הצפויה מוצגת אחרי כל שליחה; תשובות אלה נספרות רק בציון הכיול שלכם.</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>נענה מהר</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;נענה מהר:&lt;/b&gt; {words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>נענה מהר: {words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>התשובה הצפויה — השוו לתשובה שלכם</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>התשובה הצפויה והסבר</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>תשובות הסוקרים</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>לא ניתן היה לשמור את ההגדרות: {exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>מסמך</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>כותרת</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>מצוטט ב־</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>נמצא</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>מזהה המסמך, כפי שהתשובות מצטטות אותו ([1], [doc-id])</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>כותרת המסמך</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>אילו תשובות מצטטות את המסמך</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>התאמות החיפוש במסמך</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>מקורות</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>חיפוש במסמכים (Enter: הבא, Shift+Enter: הקודם)</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>חיפוש במסמכים</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>ההתאמה הקודמת</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>ההתאמה הקודמת (Shift+Enter, Shift+F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>ההתאמה הבאה</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>ההתאמה הבאה (Enter, F3)</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>תוצאת חיפוש</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>מסמכים</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>הפניה שנפתחה</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>מסמך</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>מסמך {id}: {title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} מצטט את [{label}{UNKNOWN_MARK}]: אין במשימה זו מסמך „{key}”.</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} מצוטט כ־[{label}] ב{where}: מסמך {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>אין התאמה באף מסמך</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>ב־{documents} מתוך {total} מסמכים</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>התאמה {number} מתוך {n:,}{more} · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>קטעים מסומנים</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>אין קטעים מסומנים.</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>עריכת קטע</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>סימון קטע</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>מקשי הספרות בוחרים תווית; Tab ממשיך; Enter מסמן, Esc מבטל.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>תווית</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;תווית</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>חומרה</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>&amp;חומרה</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>הערה</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>רשות</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>ה&amp;ערה</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>התשובה של שופט הבינה המלאכותית — השוו לתשובה שלכם</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>התשובה והביקורת של שופט הבינה המלאכותית</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>שופט הבינה המלאכותית ({agent}) — השוו לתשובה שלכם</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>מצב</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>פרומפט</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>זמן</translation>
    </message>
    <message>
        <source>new</source>
        <translation>חדשה</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>טיוטה</translation>
    </message>
    <message>
        <source>done</source>
        <translation>הושלמה</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>דולגה</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>סומנה</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>כל המשימות</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>לביצוע (חדשות או טיוטות)</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>מיקום בחבילה</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>מצב הסקירה</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>הפרומפט (ההודעה האחרונה של המשתמש)</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>זמן סקירה פעיל (דקות:שניות)</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>אין פרומפט</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>מצב {status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>משימה {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>חיפוש בפרומפטים ובתשובות (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>חיפוש משימות</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>מציג רק משימות שהפרומפט או התשובות שלהן מכילים את הטקסט. Enter מחפש מיד; Esc מנקה.</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>סינון לפי מצב</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>הצגת משימות במצב זה בלבד</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>משימות מוצגות</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>רשימת המשימות</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>עמודות רשימת המשימות</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>שורה לכל משימה: מספר, מצב, פרומפט, זמן שהושקע. מקשי החיצים עוברים בין משימות ופותחים אותן.</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>החיפוש נכשל</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>מוצגות {shown:,} מתוך {total:,}</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>אין משימות תואמות. נקו את החיפוש (Esc) או בחרו „כל המשימות”.</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>עדיין אין משימות. ייבאו חבילת משימות כדי להתחיל.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>ייבוא חבילה</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>חבילות Docket ‏(*.docket);;כל הקבצים (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>השינוי האחרון שלכם עדיין לא נשמר (ראו את ההודעה הקודמת); ייבאו את החבילה כשיישמר.</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>הכרטיס הציבורי של השרת (server.pub)</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>כרטיסים ציבוריים (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>מייבא את {name} …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>ייבוא</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>תיקיית עבודה זו מכילה כמה חבילות; מיוצא סבב הכיול של המשימה הפתוחה ({source}). פתחו משימה מחבילה אחרת כדי לייצא אותה.</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>תיקיית עבודה זו מכילה כמה חבילות; מיוצאת חבילת המשימות של המשימה הפתוחה ({source}). פתחו משימה מחבילה אחרת כדי לייצא אותה.</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>נענו: {answered} (סומנו: {flagged})
דולגו: {skipped}
טיוטות שלא נשלחו: {drafts} (לא מיוצאות)
סך כל המשימות: {total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>ייצוא תוצאות</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>לכתוב את חבילת התוצאות החתומה?</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>שמירת חבילת התוצאות</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>ייצוא</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>נכתבו {answers} תשובות (רצף {sequence}) אל
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>עימוד נוסחאות</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>נוסחאות מעומדות פעם אחת, ברקע, ונשמרות בתיקיית העבודה; עד אז הן מוצגות כטקסט.</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>לא ניתן היה לעמד את הנוסחאות: {error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>משימות</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>מקורות</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>למשימה זו אין מסמכי מקור.</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>לא נשמר — מנסה שוב</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>נשמר</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;קובץ</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>&amp;ייבוא חבילה…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>י&amp;צוא תוצאות…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;נעילה</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>הגדרות א&amp;בטחה…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>י&amp;ציאה</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;משימה</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>המשימה ה&amp;באה</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>המשימה ה&amp;קודמת</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>&amp;שליחה והמשך</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>שמירה כ&amp;טיוטה</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>&amp;דילוג…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>קבלת ה&amp;צעת שופט הבינה המלאכותית</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>קבלת כל ההצעות של שופט הבינה המלאכותית</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>&amp;ביטול עריכת תשובה</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>&amp;ביצוע מחדש של עריכת תשובה</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>מיקוד בטופס ה&amp;תשובה</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>מיקוד ב&amp;סימונים</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>מיקוד ב&amp;נימוק</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>מיקוד בני&amp;סוח מחדש</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>&amp;חיפוש משימות</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>ההפניה ה&amp;באה</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>ההפניה ה&amp;קודמת</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>סימון הבחירה כמידע &amp;אישי…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>מיקוד ב&amp;מקורות</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>חיפוש במ&amp;סמכים</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;תצוגה</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>הצגת ה&amp;בדלים</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>גלילה מ&amp;סונכרנת</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>ה&amp;גדלה</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ה&amp;קטנה</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;איפוס התקריב</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;ערכת צבעים</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;מערכת</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;בהירה</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;כהה</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;שפה</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>כמו במערכת</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;עזרה</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;קיצורי מקלדת</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>לצאת בלי לשמור?</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>לא ניתן היה לשמור את השינוי האחרון שלכם (ראו את ההודעה הקודמת); Docket עדיין מנסה שוב.

לצאת בכל זאת ולאבד את השינוי?</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>לא ניתן היה לשמור את הגדרות החלון: {exc}</translation>
    </message>
</context>
</TS>
