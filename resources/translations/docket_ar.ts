<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>محادثة (%n دور، {hidden} سابقة مخفية)</numerusform>
            <numerusform>محادثة (دور واحد، {hidden} سابقة مخفية)</numerusform>
            <numerusform>محادثة (دوران، {hidden} سابقة مخفية)</numerusform>
            <numerusform>محادثة (%n أدوار، {hidden} سابقة مخفية)</numerusform>
            <numerusform>محادثة (%n دورًا، {hidden} سابقة مخفية)</numerusform>
            <numerusform>محادثة (%n دور، {hidden} سابقة مخفية)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>محادثة (%n دور)</numerusform>
            <numerusform>محادثة (دور واحد)</numerusform>
            <numerusform>محادثة (دوران)</numerusform>
            <numerusform>محادثة (%n أدوار)</numerusform>
            <numerusform>محادثة (%n دورًا)</numerusform>
            <numerusform>محادثة (%n دور)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ بيانات شخصية محتملة في هذه الإجابة (%n نتيجة).</numerusform>
            <numerusform>⚠ بيانات شخصية محتملة في هذه الإجابة (نتيجة واحدة).</numerusform>
            <numerusform>⚠ بيانات شخصية محتملة في هذه الإجابة (نتيجتان).</numerusform>
            <numerusform>⚠ بيانات شخصية محتملة في هذه الإجابة (%n نتائج).</numerusform>
            <numerusform>⚠ بيانات شخصية محتملة في هذه الإجابة (%n نتيجة).</numerusform>
            <numerusform>⚠ بيانات شخصية محتملة في هذه الإجابة (%n نتيجة).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>لا تطابق</numerusform>
            <numerusform>تطابق واحد</numerusform>
            <numerusform>تطابقان</numerusform>
            <numerusform>%n تطابقات</numerusform>
            <numerusform>%n تطابقًا</numerusform>
            <numerusform>%n تطابق</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>إجابات المراجعين — لا مراجعين، الخطورة {severity:g}</numerusform>
            <numerusform>إجابات المراجعين — مراجع واحد، الخطورة {severity:g}</numerusform>
            <numerusform>إجابات المراجعين — مراجعان، الخطورة {severity:g}</numerusform>
            <numerusform>إجابات المراجعين — %n مراجعين، الخطورة {severity:g}</numerusform>
            <numerusform>إجابات المراجعين — %n مراجعًا، الخطورة {severity:g}</numerusform>
            <numerusform>إجابات المراجعين — %n مراجع، الخطورة {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>المصادر · لا مستندات</numerusform>
            <numerusform>المصادر · مستند واحد</numerusform>
            <numerusform>المصادر · مستندان</numerusform>
            <numerusform>المصادر · %n مستندات</numerusform>
            <numerusform>المصادر · %n مستندًا</numerusform>
            <numerusform>المصادر · %n مستند</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>لا مهام</numerusform>
            <numerusform>مهمة واحدة</numerusform>
            <numerusform>مهمتان</numerusform>
            <numerusform>%Ln مهام</numerusform>
            <numerusform>%Ln مهمة</numerusform>
            <numerusform>%Ln مهمة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n محرف</numerusform>
            <numerusform>محرف واحد</numerusform>
            <numerusform>محرفان</numerusform>
            <numerusform>%n محارف</numerusform>
            <numerusform>%n محرفًا</numerusform>
            <numerusform>%n محرف</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>مشكلة في {title}</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>مشكلة في الإجابات</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>المهمة كاملة</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>نموذج الإجابة</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} أفضل بكثير</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} أفضل</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label}
أفضل بكثير</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
أفضل</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} أفضل ({strength})</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
أفضل ({strength})</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>تعادل</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>هذا السؤال يقارن بين إجابتين؛ وفي هذه المهمة {count}.</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name} (المفتاح {key}؛ انقر مرة أخرى للمسح)</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name} (انقر مرة أخرى للمسح)</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>الاختصار: {key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>المفاتيح 1–{last} تختار درجة؛ A وB هما الإجابتان المعروضتان.</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = الأدنى، {hi} = الأعلى؛ انقر على الدرجة المختارة مرة أخرى لمسحها.</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>تعليم PII</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who}: تعليم بيانات شخصية</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>وُجدت بيانات شخصية محتملة في هذه الإجابة: علِّمها إن كانت كذلك</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>المهمة كاملة</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who}: {label} (المسافة تبدّل)</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title}: {option} (المسافة تبدّل)</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title}: {option} (انقر مرة أخرى للمسح)</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>إلزامي</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>إلزامي ({n} محارف على الأقل)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source> or </source>
        <translation> أو </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>إلزامي عند {rules}</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>إلزامي عند {rules} ({n} محارف على الأقل)</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>اختياري الآن؛ إلزامي عند {rules}</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>اختياري الآن؛ إلزامي عند {rules} ({n} محارف على الأقل)</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>قاعدة {title}</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title} (Tab يغادر مربع النص)</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} محارف؛ الحد الأقصى {most}</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} من {least} محارف على الأقل (يلزم {more} أخرى)</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} من {least} محارف على الأقل</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>حالة الترتيب</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title}: الإجابات مرتبة، الأفضل أولًا</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>اسحب لإعادة الترتيب. {keys}؛ Enter يعتمد هذا الترتيب.</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title}: محرر كبير</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>محرر كبير لإعادة الصياغة</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>تغييرات إعادة الصياغة</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>البدء من</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>إعادة الصياغة تبدأ من</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>الإجابة التي تبدأ منها إعادة صياغتك (تُعرض تغييراتها)</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>الإجابات التي يُبدأ منها</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>نص إعادة الصياغة (markdown)</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>إجابتك بصيغة markdown (Tab يغادر النص؛ {RESET_KEY} يعيد الأصل؛ {LARGE_KEY} يفتح نافذة كبيرة)</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>إحصاءات إعادة الصياغة</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>مشكلة في إعادة الصياغة</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>إعادة الأصل</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>إعادة نص الإجابة الأساسية ({RESET_KEY}؛ يمكن التراجع)</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>محرر كبير…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>التحرير في نافذة كبيرة</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>التحرير مع التغييرات والمعاينة جنبًا إلى جنب ({LARGE_KEY})</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>تغييرات إعادة الصياغة ومعاينتها</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>التغييرات مقارنةً بالأصل</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>معاينة إعادة الصياغة</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>اختر إجابة…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>اختر في الأعلى الإجابة التي تبدأ منها.</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>اكتب الإجابة هنا بصيغة markdown.</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;كُتبت من الصفر: لا أصل للمقارنة.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>تقييم {name} (Tab / Shift+Tab في قائمة المعايير)</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>درجة الإجابة المقيَّمة وتقدّمها</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>عرض المعايير ذات الوسم</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>عرض المعايير ذات هذا الوسم فقط</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>وسوم المعايير</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>غير المقيَّمة فقط (U)</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>عرض المعايير غير المقيَّمة بعد فقط</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>عرض المعايير غير المقيَّمة بعد لهذه الإجابة فقط (U)</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y مستوفى · N غير مستوفى · − لا ينطبق · Backspace يمسح · Enter يكتب ملاحظة · Tab / Shift+Tab الإجابة التالية / السابقة · U المعايير غير المقيَّمة فقط</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>المعيار الحالي</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>النص الكامل للمعيار الحالي</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>ملاحظة على المعيار الحالي</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Enter أو Esc: العودة إلى المعايير؛ Shift+Enter: سطر جديد</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name}: الدرجة {words}، قُيِّم {graded} من {total}</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>لا معايير لهذه المهمة.</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>معايير {name}، معروض {shown} من {total}</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>معايير {name}</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>لا يطابق أي معيار عامل التصفية.</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>لا معايير في هذه المهمة.</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>كل معيار معروض مقيَّم لـ{name}.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>المعيار {number} من {n_criteria} · {points} · {symbol} {word} لـ{name}</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>ملاحظة على {where}</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>ملاحظة على المعيار {number} (اختيارية؛ Enter في القائمة)</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>قيِّم هذا المعيار أولًا (Y أو N أو −)؛ ثم يكتب Enter ملاحظة.</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} — قيِّمه أولًا (Y أو N أو −).</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>المعايير المكتوبة</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>المعايير بالترتيب</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>أعلى/أسفل للاختيار · Alt+أعلى / Alt+أسفل للنقل · Delete يحذف · Enter يحرر النص · {ADD_KEY} يضيف معيارًا</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>المعيار قيد التحرير</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>نص المعيار</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>ما تفعله الإجابة الجيدة (أو، في حالة الخصم، ما يجب ألا تفعله)</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>المعيار (Tab ينتقل إلى نقاطه)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>النقاط</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>نقاط المعيار</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>من {MIN_POINTS} إلى +{MAX_POINTS}؛ النقاط السالبة خصم عندما تفعل الإجابة ذلك</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>وسوم المعيار</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>المسافة تضع الوسم أو تزيله</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>وسوم مفصولة بفواصل (اختيارية)</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>أي وسوم، مثل axis:accuracy، theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>مشكلات في هذا المعيار</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>إضافة معيار ({ADD_KEY})</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>{max_criteria} معيارًا على الأكثر: احذف واحدًا أولًا</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>لا معايير بعد: {ADD_KEY} يضيف معيارًا.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>المعيار {number} من {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>{max_criteria} معيارًا على الأكثر: احذف واحدًا أولًا.</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>الإجابة {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name}: من {low} إلى {high}؛ أدنى درجة (—) تمسحه</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>مرحبًا بك في Docket</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>مجلد العمل (يُنشأ إن كان جديدًا):</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>مفتاحك (NAME.key):</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>الحزمة المراد استيرادها (اختياري):</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>البطاقة العامة للخادم (server.pub):</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>يحفظ Docket مراجعتك مشفَّرة في مجلد عمل يُفتح بمفتاحك.
يأتي مفتاحك وبطاقتك العامة من `docket keygen` (أو من قائد مشروعك)؛ وتأتي الحزم من خادم المشروع.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>مجلد العمل</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>اختر ملفًا</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} ليس مجلد عمل ولا ملف حزمة.</translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation>خام</translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation>عرض النص كما كتبه النموذج تمامًا (المحارف المخفية كعلامات)</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>الإجابة {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>عرض الإجابة {letter} خامًا</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>الموجِّه</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>إظهار الأدوار السابقة أو إخفاؤها</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>التركيز على الإجابة {number}</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>الإجابات المراد مقارنتها</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>الإجابتان اللتان يقارنهما «إظهار الفروق»</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>المحارف المخفية في هذه المهمة</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>مقارنة {first} مع {second}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>التفضيل: A أفضل بكثير … تعادل … B أفضل بكثير</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>المهمة التالية</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>المهمة السابقة</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>الإرسال والانتقال إلى المهمة التالية</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>الإبقاء كمسودة</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>تخطي المهمة (يُطلب سبب)</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>التركيز على نموذج الإجابة (ثم Tab / الأسهم؛ في الترتيب Alt+أعلى/أسفل، =، Enter)</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>التركيز على العلامات</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>التركيز على التعليل</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>التركيز على إعادة الصياغة (Ctrl+Shift+R يعيدها إلى أصلها، Ctrl+Shift+E يفتح محررًا كبيرًا)</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>إظهار الفروق بين إجابتين</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>إظهار / إخفاء الأدوار السابقة لمحادثة طويلة (أو Tab إلى سطرها، Enter)</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>البحث في الموجِّهات والإجابات</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>الاستشهاد التالي / السابق في إجابة (Enter يعرض مستنده)</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>التركيز على لوحة المصادر (أعلى/أسفل: المستندات)</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>البحث في المستندات (Enter / Shift+Enter: التالي / السابق)</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>التراجع عن تعديل إجابة / إعادته</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>قبول اقتراح مُقيِّم الذكاء الاصطناعي للسؤال المحدد (وإلا فالتالي)</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>قبول كل اقتراحات مُقيِّم الذكاء الاصطناعي التي تنتظر التأكيد</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>تكبير / تصغير / إعادة ضبط</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>تصدير النتائج</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>استيراد حزمة</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>قفل (عبارة المرور تفتحه)</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>هذه القائمة</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>عبارة المرور لـ{what}:</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>تخطي هذه المهمة</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>سبب التخطي</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>لماذا تتخطاها؟ (مثلًا: خارج تخصصي، الموجِّه غير واضح)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>تخطٍّ</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>سبب قصير يساعد قائد المشروع:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>لم يُفتح الرابط</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>هذا الرابط ليس عنوان ويب صالحًا؛ لن يُفتح.</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>فتح الرابط؟</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>البحث في الإرشادات (Enter: التالي)</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>البحث في الإرشادات</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;لم تأتِ مع هذه الحزمة أي إرشادات.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>لا تطابق</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket مقفل</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>قُفل بعد فترة من عدم النشاط.</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>قُفل لأن الشاشة قُفلت.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>قُفل لأن الحاسوب دخل في وضع السكون.</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>تعذّر حفظ تغييرك الأخير حتى الآن (رفضه القرص)؛ وهو محفوظ في الذاكرة وسيُحفظ بعد فتح القفل.</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>عملك محفوظ.</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>لا يُعرض شيء منه أثناء القفل.</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>أدخل عبارة المرور لـ{key} للمتابعة باسم {reviewer}.</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>المتابعة باسم {reviewer}؟</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>إعدادات الأمان</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ث</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>القفل بعد هذه المدة من عدم النشاط:</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>مسح النص المنسوخ من Docket بعد:</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>«أبدًا» يعطّل أيًّا منهما. Ctrl+L يقفل فورًا.</translation>
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
        <translation>محفوظ</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>لم يُرسَل: {shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>{done} / {total} مُجاب</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>لا مزيد من المهام في هذا الاتجاه.</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>ليس لهذه المهمة اقتراح من مُقيِّم الذكاء الاصطناعي لقبوله.</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>لم يبقَ ما يُقبل: كل إجابة مقترحة مقبولة أو معدَّلة.</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>قُبلت إجابة {agent}: {names}.</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>أُبقيت إجابتك.{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>أُرسلت. إجابة مُقيِّم الذكاء الاصطناعي معروضة فوق إجابتك: Ctrl+Enter يُبقي إجابتك وينتقل، أو عدِّل النموذج وأرسله مجددًا.</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>أُرسلت. الإجابة المتوقعة معروضة فوق إجابتك؛ Ctrl+Enter أو J للمهمة التالية.</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>أُرسلت.</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>أُبقيت كمسودة.</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>إجابة المعايرة هذه نهائية؛ Ctrl+Enter أو J للمهمة التالية.</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>تُطبَّق اللغة الجديدة عند تشغيل Docket مرة أخرى.</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>بعض الإجابات أقدم من يوم ولم تُصدَّر بعد (ملف &gt; تصدير النتائج).</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>جارٍ الإلغاء …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>بيانات شخصية محتملة</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>إ&amp;ظهار</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>تحديدها في نصها (Enter)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>ليست بيانات شخصية: تجاهل النتيجة أو استعادتها (D)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>إزالة علامتك (Delete)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>استعادة</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>تعليم كبيانات شخصية</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>نوع البيانات الشخصية</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>ال&amp;نوع:</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>تعليم التحديد كبيانات &amp;شخصية…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>ا&amp;ستعادة البيانات الشخصية المحتملة ({what})</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>&amp;تجاهل: ليست بيانات شخصية ({what})</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>إ&amp;زالة علامة البيانات الشخصية ({what})</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>جولة معايرة</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>مجموعة تدريبية: تُعرض الإجابة المتوقعة بعد كل إرسال؛ ولا تُحتسب هذه الإجابات إلا في درجة معايرتك.</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>أُجيب بسرعة</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;أُجيب بسرعة:&lt;/b&gt; {words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>أُجيب بسرعة: {words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>الإجابة المتوقعة — قارنها بإجابتك</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>الإجابة المتوقعة وشرحها</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>إجابات المراجعين</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>تعذّر حفظ الإعدادات: {exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>مستند</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>مُستشهد به في</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>موجود</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>معرّف المستند كما تستشهد به الإجابات ([1]، [doc-id])</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>عنوان المستند</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>الإجابات التي تستشهد بالمستند</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>تطابقات البحث في المستند</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>البحث في المستندات (Enter: التالي، Shift+Enter: السابق)</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>البحث في المستندات</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>التطابق السابق</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>التطابق السابق (Shift+Enter، Shift+F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>التطابق التالي</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>التطابق التالي (Enter، F3)</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>نتيجة البحث</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>الاستشهاد المتَّبَع</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>المستند</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>المستند {id}: {title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} يستشهد بـ[{label}{UNKNOWN_MARK}]: لا يوجد مستند «{key}» في هذه المهمة.</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} مُستشهد به بوصفه [{label}] في {where}: المستند {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>لا تطابق في أي مستند</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>في {documents} من {total} مستندات</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>التطابق {number} من {n:,}{more} · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>المقاطع المعلَّمة</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>لا مقاطع معلَّمة.</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>تحرير المقطع</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>تعليم مقطع</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>مفاتيح الأرقام تختار تسمية؛ Tab ينتقل؛ Enter يعلّم، Esc يلغي.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ال&amp;تسمية</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>ال&amp;خطورة</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>تعليق</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>ت&amp;عليق</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>إجابة مُقيِّم الذكاء الاصطناعي — قارنها بإجابتك</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>إجابة مُقيِّم الذكاء الاصطناعي ونقده</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>مُقيِّم الذكاء الاصطناعي ({agent}) — قارنه بإجابتك</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>الموجِّه</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>متخطاة</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>معلَّمة</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>كل المهام</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>للإنجاز (جديدة أو مسودة)</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>الموضع في الحزمة</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>حالة المراجعة</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>الموجِّه (آخر رسالة من المستخدم)</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>وقت المراجعة الفعلي (دقائق:ثوانٍ)</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>لا موجِّه</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>الحالة {status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>المهمة {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>البحث في الموجِّهات والإجابات (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>البحث في المهام</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>يعرض فقط المهام التي يحتوي موجِّهها أو إجاباتها على النص. Enter يبحث فورًا؛ Esc يمسح.</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>التصفية حسب الحالة</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>عرض المهام ذات هذه الحالة فقط</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>المهام المعروضة</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>قائمة المهام</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>أعمدة قائمة المهام</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>صف لكل مهمة: الرقم، الحالة، الموجِّه، الوقت المستغرق. مفاتيح الأسهم تنتقل بين المهام وتفتحها.</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>فشل البحث</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>معروض {shown:,} من {total:,}</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>لا مهام مطابقة. امسح البحث (Esc) أو اختر «كل المهام».</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>لا مهام بعد. استورد حزمة مهام للبدء.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>استيراد حزمة</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>حزم Docket ‏(*.docket);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>تغييرك الأخير لم يُحفظ بعد (انظر الرسالة السابقة)؛ استورد الحزمة بعد حفظه.</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>البطاقة العامة للخادم (server.pub)</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>البطاقات العامة (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>جارٍ استيراد {name} …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>يحوي مجلد العمل هذا عدة حزم؛ يُصدَّر الآن جولة المعايرة للمهمة المفتوحة ({source}). افتح مهمة من حزمة أخرى لتصدير تلك الحزمة.</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>يحوي مجلد العمل هذا عدة حزم؛ تُصدَّر الآن حزمة المهام للمهمة المفتوحة ({source}). افتح مهمة من حزمة أخرى لتصدير تلك الحزمة.</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>المُجابة: {answered} (المعلَّمة: {flagged})
المتخطاة: {skipped}
مسودات غير مرسلة: {drafts} (لا تُصدَّر)
مجموع المهام: {total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>تصدير النتائج</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>كتابة حزمة النتائج الموقَّعة؟</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>حفظ حزمة النتائج</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>كُتبت {answers} إجابة (التسلسل {sequence}) في
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>تنضيد الصيغ</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>تُنضَّد الصيغ مرة واحدة في الخلفية وتُحفظ في مجلد العمل؛ وحتى ذلك الحين تظهر نصًّا.</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>تعذّر تنضيد الصيغ: {error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>المهام</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>ليس لهذه المهمة مستندات مصدرية.</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>لم يُحفظ — تجري إعادة المحاولة</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>محفوظ</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>ا&amp;ستيراد حزمة…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;تصدير النتائج…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;قفل</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>إعدادات الأ&amp;مان…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;مهمة</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>المهمة ال&amp;تالية</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>المهمة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>إ&amp;رسال والتالي</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>الإبقاء كم&amp;سودة</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>ت&amp;خطٍّ…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>قبول ا&amp;قتراح مُقيِّم الذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>قبول كل اقتراحات مُقيِّم الذكاء الاصطناعي</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>ال&amp;تراجع عن تعديل الإجابة</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>إ&amp;عادة تعديل الإجابة</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>التركيز على نموذج الإ&amp;جابة</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>التركيز على ال&amp;علامات</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>التركيز على التع&amp;ليل</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>التركيز على إعادة ال&amp;صياغة</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>ال&amp;بحث في المهام</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>الاستشهاد ال&amp;تالي</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>الاستشهاد ال&amp;سابق</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>تعليم التحديد كبيانات &amp;شخصية…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>التركيز على الم&amp;صادر</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>البحث في الم&amp;ستندات</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>إظهار ال&amp;فروق</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>تمرير م&amp;تزامن</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>إعادة ضبط ال&amp;تكبير</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>ال&amp;سمة</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>ال&amp;نظام</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;فاتحة</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;داكنة</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>مثل النظام</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>ا&amp;ختصارات لوحة المفاتيح</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>الخروج دون حفظ؟</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>تعذّر حفظ تغييرك الأخير (انظر الرسالة السابقة)؛ وما زال Docket يعيد المحاولة.

هل تخرج رغم ذلك وتفقد هذا التغيير؟</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>تعذّر حفظ إعدادات النافذة: {exc}</translation>
    </message>
</context>
</TS>
