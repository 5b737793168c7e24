<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>对话（%n 轮，{hidden} 轮较早内容已隐藏）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>对话（%n 轮）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ 此回答中可能含有个人信息（%n 处）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>评审员的回答 — %n 位评审员，严重程度 {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>来源 · %n 个文档</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln 个任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>{title}存在问题</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>回答存在问题</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>整个任务</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>回答表单</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} 好得多</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} 更好</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label}
好得多</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
更好</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} 更好（{strength}）</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
更好（{strength}）</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>持平</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>此问题比较两个回答；此任务有 {count} 个。</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name}（按键 {key}；再次点击可清除）</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name}（再次点击可清除）</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>快捷键：{key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>按键 1–{last} 选择一级；A 和 B 为所显示的回答。</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = 最低，{hi} = 最高；再次点击已选分数可清除。</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>勾选 PII</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who}：标记个人信息</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>在此回答中发现可能的个人信息：如属实请标记</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>整个任务</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who}：{label}（空格键切换）</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title}：{option}（空格键切换）</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title}：{option}（再次点击可清除）</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>必填（至少 {n} 个字符）</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>在{rules}时必填</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>在{rules}时必填（至少 {n} 个字符）</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>目前可选；在{rules}时必填</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>目前可选；在{rules}时必填（至少 {n} 个字符）</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>{title}规则</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title}（Tab 键离开文本框）</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} 个字符；最多 {most} 个</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} / 至少 {least} 个字符（还需 {more} 个）</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} / 至少 {least} 个字符</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>排序状态</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title}：按名次排列的回答，最佳在前</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>拖动以重新排序。{keys}；Enter 键确认此顺序。</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title}：大编辑器</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>改写大编辑器</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>改写的修改</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始于</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>改写起始于</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>您的改写所基于的回答（显示其修改）</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>可作为起点的回答</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>改写文本（markdown）</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>您的回答，使用 markdown（Tab 键离开文本；{RESET_KEY} 恢复原文；{LARGE_KEY} 打开大窗口）</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>改写统计</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>改写存在问题</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>恢复原文</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>恢复基础回答的文本（{RESET_KEY}；可撤销）</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>大编辑器…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>在大窗口中编辑</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>并排查看修改与预览进行编辑（{LARGE_KEY}）</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>改写的修改与预览</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>相对于基础文本的修改</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>改写预览</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>选择一个回答…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>请在上方选择作为起点的回答。</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>请在此处用 markdown 撰写回答。</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;从空白撰写：没有可比较的基础文本。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>为{name}评分（在标准列表中用 Tab / Shift+Tab）</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>所评回答的得分与进度</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>显示带有该标签的标准</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>仅显示带有此标签的标准</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>标准的标签</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>仅未评（U）</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>仅显示尚未评分的标准</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>仅显示此回答尚未评分的标准（U）</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y 满足 · N 不满足 · − 不适用 · Backspace 清除 · Enter 写备注 · Tab / Shift+Tab 下一个 / 上一个回答 · U 仅显示未评标准</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>当前标准</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>当前标准的全文</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>当前标准的备注</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Enter 或 Esc：返回标准列表；Shift+Enter：换行</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name}：得分 {words}，已评 {graded} / {total}</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>此任务没有评分标准。</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>{name}的标准，显示 {shown} / {total}</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>{name}的标准</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>没有符合筛选条件的标准。</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>此任务没有评分标准。</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>所显示的每条标准均已为{name}评分。</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>标准 {number} / {n_criteria} · {points} · {symbol} {word}（{name}）</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>关于{where}的备注</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>标准 {number} 的备注（可选；在列表中按 Enter）</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>请先为此标准评分（Y、N 或 −）；然后按 Enter 写备注。</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} — 请先评分（Y、N 或 −）。</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>已撰写的标准</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>标准（按顺序）</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>上/下 选择 · Alt+上 / Alt+下 移动 · Delete 删除 · Enter 编辑文本 · {ADD_KEY} 添加标准</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>正在编辑的标准</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>标准文本</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>好的回答应做到的事（若为扣分项，则为不得做的事）</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>标准（Tab 键转到其分值）</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>标准分值</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>{MIN_POINTS} 到 +{MAX_POINTS}；负分表示回答出现此情况时扣分</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>标准标签</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>空格键勾选或取消该标签</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>标签，用逗号分隔（可选）</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>任意标签，例如 axis:accuracy, theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>此标准存在的问题</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>添加标准（{ADD_KEY}）</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>最多 {max_criteria} 条标准：请先删除一条</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>尚无标准：{ADD_KEY} 可添加一条。</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>标准 {number} / {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>最多 {max_criteria} 条标准：请先删除一条。</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>回答 {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name}：{low} 到 {high}；最低一级（—）表示清除</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} 请重试。</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>欢迎使用 Docket</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>工作区文件夹（如不存在将新建）：</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>您的密钥（NAME.key）：</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>要导入的包（可选）：</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>服务器的公开名片（server.pub）：</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>Docket 将您的评审加密保存在工作区文件夹中，用您的密钥解锁。
您的密钥和公开名片由 `docket keygen` 生成（或由项目负责人提供）；包来自项目服务器。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>工作区文件夹</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} 既不是工作区文件夹，也不是包文件。</translation>
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
        <translation>按模型原样显示文本（隐藏字符以标记显示）</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>回答 {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>以原文显示回答 {letter}</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>显示或隐藏较早的轮次</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>聚焦回答 {number}</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>要比较的回答</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>“显示差异”比较哪两个回答</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>此任务中的隐藏字符</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>比较 {first} 与 {second}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>偏好：A 好得多 … 持平 … B 好得多</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>下一个任务</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>上一个任务</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>提交并转到下一个任务</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>保存为草稿</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>跳过此任务（需填写原因）</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>聚焦回答表单（然后用 Tab / 方向键；排序时用 Alt+上/下、=、Enter）</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>聚焦标记</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>聚焦理由</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>聚焦改写（Ctrl+Shift+R 恢复为基础文本，Ctrl+Shift+E 打开大编辑器）</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>显示两个回答之间的差异</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>显示 / 隐藏长对话中较早的轮次（或用 Tab 移到该行后按 Enter）</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>搜索提示词和回答</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>回答中的下一个 / 上一个引用（Enter 显示其文档）</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>聚焦来源窗格（上/下：文档）</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>在文档中查找（Enter / Shift+Enter：下一个 / 上一个）</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>撤销 / 重做回答编辑</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>接受 AI 评审对当前问题的建议（否则为下一个问题）</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>接受所有尚待确认的 AI 评审建议</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>放大 / 缩小 / 重置</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>导入包</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>锁定（用口令解锁）</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>本表</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>{what} 的口令：</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>跳过此任务</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>为什么跳过？（例如超出我的专业范围、提示词不清楚）</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>简短的原因有助于项目负责人：</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>未打开链接</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>此链接不是有效的网址，因此不会打开。</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>打开链接？</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>在评审指南中查找（Enter：下一个）</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>在评审指南中查找</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>评审指南</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;此包未附带评审指南。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket 已锁定</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>一段时间无操作后已锁定。</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>因屏幕锁定而锁定。</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>因计算机进入睡眠而锁定。</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>您最后的修改尚未能保存（磁盘拒绝写入）；它会被保留，并在解锁后保存。</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>您的工作已保存。</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>锁定期间不显示任何内容。</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>请输入 {key} 的口令，以 {reviewer} 的身份继续。</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>以 {reviewer} 的身份继续？</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>安全设置</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>无操作多久后锁定：</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>从 Docket 复制的文本清除时间：</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>“从不”可关闭任一项。Ctrl+L 立即锁定。</translation>
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
        <translation>已保存</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>未提交：{shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>已回答 {done} / {total}</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>此方向没有更多任务。</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>此任务没有可接受的 AI 评审建议。</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>没有可接受的内容了：每个建议的回答都已接受或修改。</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>已接受 {agent} 的回答：{names}。</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>已保留您的回答。{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>已提交。AI 评审的回答显示在您的回答上方：按 Ctrl+Enter 保留您的回答并继续，或修改表单后再次提交。</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>已提交。预期答案显示在您的回答上方；按 Ctrl+Enter 或 J 转到下一个任务。</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>已提交。</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>已保存为草稿。</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>此校准回答为最终结果；按 Ctrl+Enter 或 J 转到下一个任务。</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>新语言将在 Docket 下次启动时生效。</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>部分回答已超过一天且尚未导出（文件 &gt; 导出结果）。</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>正在取消 …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>可能的个人信息</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>在文本中选中它（Enter）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>不是个人信息：忽略此发现，或将其恢复（D）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>移除您的标记（Delete）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>标记为个人信息</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>个人信息类型</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>将所选内容标记为个人信息(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>恢复可能的个人信息（{what}）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>忽略：不是个人信息（{what}）(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>移除您的个人信息标记（{what}）(&amp;M)</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>校准轮</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>练习集：每次提交后显示预期答案；这些回答只计入您的校准得分。</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>回答过快</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;回答过快：&lt;/b&gt;{words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>回答过快：{words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>预期答案 — 请与您的回答比较</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>预期答案及说明</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>评审员的回答</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>无法保存设置：{exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>引用于</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>找到</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>文档的编号，即回答中引用它的方式（[1]、[doc-id]）</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>文档的标题</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>哪些回答引用了该文档</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>搜索在文档中的匹配数</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>在文档中查找（Enter：下一个，Shift+Enter：上一个）</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>上一个匹配（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>下一个匹配（Enter、F3）</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>已跳转的引用</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>文档 {id}：{title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} 引用了 [{label}{UNKNOWN_MARK}]：此任务中没有文档“{key}”。</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} 在{where}中以 [{label}] 引用：文档 {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>所有文档中均无匹配</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>在 {documents} / {total} 个文档中</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>匹配 {number} / {n:,}{more} · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>已标记的片段</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>没有标记的片段。</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>编辑片段</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>标记片段</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>数字键选择标签；Tab 键前进；Enter 标记，Esc 取消。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>评论(&amp;C)</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>AI 评审的回答 — 请与您的回答比较</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>AI 评审的回答与评语</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>AI 评审（{agent}）— 请与您的回答比较</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>待处理（新任务或草稿）</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>在包中的位置</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>评审状态</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>提示词（用户最后一条消息）</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>实际评审用时（分:秒）</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>无提示词</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>任务 {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>搜索提示词和回答（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>搜索任务</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>只显示提示词或回答中包含该文本的任务。Enter 立即搜索；Esc 清除。</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>只显示此状态的任务</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>显示的任务</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>任务列表的列</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>每个任务一行：编号、状态、提示词、所用时间。方向键在任务之间移动并打开任务。</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>搜索失败</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>显示 {shown:,} / {total:,}</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>没有匹配的任务。清除搜索（Esc）或选择“全部任务”。</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>还没有任务。请导入一个任务包开始。</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>导入包</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>Docket 包 (*.docket);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>您最后的修改尚未保存（见前一条消息）；保存后再导入该包。</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>服务器的公开名片（server.pub）</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>公开名片 (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>正在导入 {name} …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>此工作区包含多个包；现在导出的是当前任务所属的校准轮（{source}）。如需导出其他包，请打开该包中的任务。</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>此工作区包含多个包；现在导出的是当前任务所属的任务包（{source}）。如需导出其他包，请打开该包中的任务。</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>已回答：{answered}（已标记：{flagged}）
已跳过：{skipped}
未提交的草稿：{drafts}（不导出）
任务总数：{total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>写入已签名的结果包？</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>保存结果包</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>已将 {answers} 个回答（序号 {sequence}）写入
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>公式排版</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>公式在后台排版一次并保存在工作区中；在此之前以文本显示。</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>无法排版公式：{error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>此任务没有来源文档。</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>未保存 — 正在重试</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>导入包(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>导出结果(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>安全设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>下一个任务(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>上一个任务(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>提交并继续(&amp;S)</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>保存为草稿(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>跳过(&amp;K)…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>接受 AI 评审的建议(&amp;G)</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>接受 AI 评审的全部建议</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>撤销回答编辑(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>重做回答编辑(&amp;R)</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>聚焦回答表单(&amp;A)</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>聚焦标记(&amp;F)</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>聚焦理由(&amp;R)</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>聚焦改写(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>搜索任务(&amp;S)</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>下一个引用(&amp;C)</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>上一个引用(&amp;I)</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>将所选内容标记为个人信息(&amp;P)…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>聚焦来源(&amp;O)</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>在文档中查找(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>显示差异(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>同步滚动(&amp;S)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>不保存就退出？</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>您最后的修改未能保存（见前一条消息）；Docket 仍在重试。

仍要退出并丢失该修改吗？</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>无法保存窗口设置：{exc}</translation>
    </message>
</context>
</TS>
