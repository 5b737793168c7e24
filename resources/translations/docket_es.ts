<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>Conversación (%n turno, {hidden} anteriores ocultos)</numerusform>
            <numerusform>Conversación (%n turnos, {hidden} anteriores ocultos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>Conversación (%n turno)</numerusform>
            <numerusform>Conversación (%n turnos)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ Posibles datos personales en esta respuesta (%n hallazgo).</numerusform>
            <numerusform>⚠ Posibles datos personales en esta respuesta (%n hallazgos).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n coincidencia</numerusform>
            <numerusform>%n coincidencias</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>Respuestas de los revisores — %n revisor, gravedad {severity:g}</numerusform>
            <numerusform>Respuestas de los revisores — %n revisores, gravedad {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>Fuentes · %n documento</numerusform>
            <numerusform>Fuentes · %n documentos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln tarea</numerusform>
            <numerusform>%Ln tareas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n carácter</numerusform>
            <numerusform>%n caracteres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>Problema en {title}</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>Problema en las respuestas</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>Toda la tarea</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>Formulario de respuesta</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} mucho mejor</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} mejor</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label} mucho
mejor</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
mejor</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} mejor ({strength})</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
mejor ({strength})</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Igual</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>Esta pregunta compara dos respuestas; esta tarea tiene {count}.</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name} (tecla {key}; haga clic de nuevo para borrar)</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name} (haga clic de nuevo para borrar)</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>Atajo: {key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>Las teclas 1–{last} eligen un escalón; A y B son las respuestas mostradas.</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = mínimo, {hi} = máximo; haga clic de nuevo en una puntuación elegida para borrarla.</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>Marcar PII</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who}: marcar datos personales</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>Se encontraron posibles datos personales en esta respuesta: márquela si lo son</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>Toda la tarea</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who}: {label} (Espacio alterna)</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title}: {option} (Espacio alterna)</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title}: {option} (haga clic de nuevo para borrar)</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>Obligatorio (al menos {n} caracteres)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>Obligatorio si {rules}</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>Obligatorio si {rules} (al menos {n} caracteres)</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>Opcional por ahora; obligatorio si {rules}</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>Opcional por ahora; obligatorio si {rules} (al menos {n} caracteres)</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>Regla de {title}</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title} (Tab sale del cuadro de texto)</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} caracteres; como máximo {most}</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} de al menos {least} caracteres (faltan {more})</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} de al menos {least} caracteres</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>Estado de la clasificación</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title}: respuestas por orden, la mejor primero</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>Arrastre para reordenar. {keys}; Intro conserva este orden.</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title}: editor grande</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>Editor grande de la reescritura</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>Cambios de la reescritura</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>La reescritura parte de</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>La respuesta de la que parte su reescritura (se muestran sus cambios)</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>Respuestas de partida</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>Texto de la reescritura (markdown)</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>Su respuesta, en markdown (Tab sale del texto; {RESET_KEY} restablece el original; {LARGE_KEY} abre una ventana grande)</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>Recuento de la reescritura</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>Problema en la reescritura</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>Restablecer el original</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>Volver al texto de la respuesta de partida ({RESET_KEY}; se puede deshacer)</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>Editor grande…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>Editar en una ventana grande</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>Editar con los cambios y la vista previa en paralelo ({LARGE_KEY})</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>Cambios y vista previa de la reescritura</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>Cambios respecto al texto de partida</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>Vista previa de la reescritura</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>Elija una respuesta…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>Elija arriba la respuesta de partida.</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>Escriba aquí la respuesta, en markdown.</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;Escrita desde cero: no hay texto de partida con el que comparar.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>Calificar {name} (Tab / Mayús+Tab en la lista de criterios)</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>Puntuación y progreso de la respuesta calificada</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>Mostrar criterios con la etiqueta</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>Mostrar solo los criterios con esta etiqueta</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>Etiquetas de los criterios</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>Solo pendientes (U)</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>Mostrar solo los criterios aún sin calificar</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>Mostrar solo los criterios aún sin calificar para esta respuesta (U)</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y cumple · N no cumple · − no aplica · Retroceso borra · Intro escribe una nota · Tab / Mayús+Tab respuesta siguiente / anterior · U solo criterios pendientes</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>Criterio actual</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>Texto completo del criterio actual</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>Nota sobre el criterio actual</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Intro o Esc: volver a los criterios; Mayús+Intro: nueva línea</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name}: puntuación {words}, {graded} de {total} calificados</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>No hay criterios para esta tarea.</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>Criterios para {name}, {shown} de {total} mostrados</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>Criterios para {name}</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>Ningún criterio coincide con el filtro.</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>Esta tarea no tiene criterios.</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>Todos los criterios mostrados están calificados para {name}.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>Criterio {number} de {n_criteria} · {points} · {symbol} {word} para {name}</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>Nota sobre {where}</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>Nota sobre el criterio {number} (opcional; Intro en la lista)</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>Califique primero este criterio (Y, N o −); luego Intro escribe una nota.</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} — califíquelo primero (Y, N o −).</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>Criterios redactados</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>Criterios, en orden</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>Arriba/Abajo eligen · Alt+Arriba / Alt+Abajo mueven · Supr elimina · Intro edita el texto · {ADD_KEY} añade un criterio</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>Criterio en edición</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>Texto del criterio</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>Lo que hace una buena respuesta (o, en una penalización, lo que no debe hacer)</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>El criterio (Tab pasa a sus puntos)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>Puntos del criterio</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>De {MIN_POINTS} a +{MAX_POINTS}; los puntos negativos son una penalización cuando una respuesta hace esto</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>Etiquetas del criterio</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>Espacio marca o desmarca la etiqueta</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>Etiquetas, separadas por comas (opcional)</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>Cualquier etiqueta, p. ej. axis:accuracy, theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>Problemas de este criterio</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>Añadir un criterio ({ADD_KEY})</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>Como máximo {max_criteria} criterios: elimine uno primero</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>Aún no hay criterios: {ADD_KEY} añade uno.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>Criterio {number} de {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>Como máximo {max_criteria} criterios: elimine uno primero.</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>Respuesta {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name}: de {low} a {high}; el escalón más bajo (—) lo borra</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>Bienvenido a Docket</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>Carpeta de trabajo (se crea si es nueva):</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>Su clave (NOMBRE.key):</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>Paquete que importar (opcional):</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>Tarjeta pública del servidor (server.pub):</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>Docket guarda su revisión cifrada en una carpeta de trabajo, que se desbloquea con su clave.
Su clave y su tarjeta pública se obtienen con `docket keygen` (o de su responsable de proyecto); los paquetes vienen del servidor del proyecto.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Carpeta de trabajo</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} no es una carpeta de trabajo ni un archivo de paquete.</translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation>Sin formato</translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation>Mostrar el texto exactamente como lo escribió el modelo (caracteres ocultos como marcas)</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>Respuesta {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>Mostrar la respuesta {letter} sin formato</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>Mostrar u ocultar turnos anteriores</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>Ir a la respuesta {number}</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>Respuestas que comparar</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>Qué dos respuestas compara «Mostrar diferencias»</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>Caracteres ocultos en esta tarea</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>Comparar {first} con {second}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>Preferencia: A mucho mejor … empate … B mucho mejor</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>Tarea siguiente</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>Tarea anterior</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>Enviar e ir a la tarea siguiente</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Guardar como borrador</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>Omitir la tarea (pide un motivo)</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>Ir al formulario de respuesta (luego Tab / flechas; en una clasificación Alt+Arriba/Abajo, =, Intro)</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>Ir a las marcas</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>Ir a la justificación</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>Ir a la reescritura (Ctrl+Mayús+R la restablece a su texto de partida, Ctrl+Mayús+E abre un editor grande)</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>Mostrar las diferencias entre dos respuestas</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>Mostrar / ocultar los turnos anteriores de una conversación larga (o Tab hasta su línea, Intro)</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>Buscar en prompts y respuestas</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>Cita siguiente / anterior en una respuesta (Intro muestra su documento)</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>Ir al panel Fuentes (Arriba/Abajo: documentos)</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>Buscar en los documentos (Intro / Mayús+Intro: siguiente / anterior)</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>Deshacer / rehacer un cambio de respuesta</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>Aceptar la sugerencia del juez de IA para la pregunta activa (si no, la siguiente)</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>Aceptar todas las sugerencias del juez de IA aún por confirmar</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>Acercar / alejar / restablecer</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>Importar un paquete</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>Bloquear (la frase de contraseña desbloquea)</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Esta hoja</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>Frase de contraseña de {what}:</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>Omitir esta tarea</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>Motivo para omitir</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>¿Por qué omitirla? (p. ej. fuera de mi especialidad, prompt poco claro)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>Un motivo breve ayuda al responsable del proyecto:</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Enlace no abierto</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>Este enlace no es una dirección web válida; no se abre.</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>¿Abrir el enlace?</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>Buscar en las pautas (Intro: siguiente)</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>Buscar en las pautas</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>Pautas</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Este paquete no incluye pautas.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Sin coincidencias</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket está bloqueado</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>Bloqueado tras un tiempo sin actividad.</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>Bloqueado porque se bloqueó la pantalla.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>Bloqueado porque el equipo entró en suspensión.</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>Su último cambio aún no se pudo guardar (el disco lo rechazó); se conserva y se guardará cuando desbloquee.</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>Su trabajo está guardado.</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>Mientras está bloqueado no se muestra nada.</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>Escriba la frase de contraseña de {key} para continuar como {reviewer}.</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>¿Continuar como {reviewer}?</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>Ajustes de seguridad</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>Bloquear tras este tiempo sin actividad:</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>Borrar el texto copiado de Docket tras:</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>«Nunca» desactiva cualquiera de los dos. Ctrl+L bloquea al instante.</translation>
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
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>No enviado: {shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>{done} / {total} respondidas</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>No hay más tareas en esta dirección.</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>Esta tarea no tiene ninguna sugerencia del juez de IA que aceptar.</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>Nada más que aceptar: cada respuesta sugerida está aceptada o cambiada.</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>Respuesta de {agent} aceptada: {names}.</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>Se conservó su respuesta.{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>Enviado. La respuesta del juez de IA se muestra encima de la suya: Ctrl+Intro conserva la suya y continúa, o revise el formulario y envíelo de nuevo.</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>Enviado. La respuesta esperada se muestra encima de la suya; Ctrl+Intro o J para la tarea siguiente.</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>Enviado.</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>Guardado como borrador.</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>Esta respuesta de calibración es definitiva; Ctrl+Intro o J para la tarea siguiente.</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>El nuevo idioma se aplica la próxima vez que se inicie Docket.</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>Algunas respuestas tienen más de un día y aún no se han exportado (Archivo &gt; Exportar resultados).</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>Cancelando …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>Posibles datos personales</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>Seleccionarlo en su texto (Intro)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>No son datos personales: descartar el hallazgo, o restaurarlo (D)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>Quitar su marca (Supr)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>Marcar como datos personales</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>Tipo de dato personal</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>Marcar la selección como datos &amp;personales…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>&amp;Restaurar posibles datos personales ({what})</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>&amp;Descartar: no son datos personales ({what})</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>&amp;Quitar su marca de datos personales ({what})</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>Ronda de calibración</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>Un conjunto de práctica: la respuesta esperada se muestra tras cada envío; estas respuestas solo cuentan para su puntuación de calibración.</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>Respondida rápidamente</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;Respondida rápidamente:&lt;/b&gt; {words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>Respondida rápidamente: {words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>Respuesta esperada — compárela con la suya</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>Respuesta esperada y explicación</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>Respuestas de los revisores</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>No se pudieron guardar los ajustes: {exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>Doc.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>Citado en</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Hallado</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>El identificador del documento, tal como lo citan las respuestas ([1], [doc-id])</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>El título del documento</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>Qué respuestas citan el documento</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>Coincidencias de la búsqueda en el documento</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>Buscar en los documentos (Intro: siguiente, Mayús+Intro: anterior)</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>Buscar en los documentos</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Coincidencia anterior</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>Coincidencia anterior (Mayús+Intro, Mayús+F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Coincidencia siguiente</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>Coincidencia siguiente (Intro, F3)</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Resultado de la búsqueda</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>Cita seguida</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>Documento {id}: {title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} cita [{label}{UNKNOWN_MARK}]: no hay ningún documento «{key}» en esta tarea.</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} Citado como [{label}] en {where}: documento {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>Sin coincidencias en ningún documento</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>en {documents} de {total} documentos</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>Coincidencia {number} de {n:,}{more} · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>Fragmentos marcados</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>No hay fragmentos marcados.</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>Editar fragmento</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>Marcar fragmento</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>Las teclas numéricas eligen una etiqueta; Tab avanza; Intro marca, Esc cancela.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Etiqueta</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>&amp;Gravedad</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>&amp;Comentario</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>Respuesta del juez de IA — compárela con la suya</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>Respuesta y crítica del juez de IA</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>El juez de IA ({agent}) — compárelo con la suya</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nueva</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitida</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>marcada</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Todas las tareas</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>Pendientes (nuevas o borradores)</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>Posición en el paquete</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Estado de la revisión</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>El prompt (último mensaje del usuario)</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>Tiempo activo de revisión (minutos:segundos)</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>sin prompt</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>estado {status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>tarea {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>Buscar en prompts y respuestas (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Buscar tareas</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>Muestra solo las tareas cuyo prompt o respuestas contienen el texto. Intro busca al instante; Esc borra.</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>Mostrar solo las tareas con este estado</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>Tareas mostradas</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>Lista de tareas</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>Columnas de la lista de tareas</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>Una fila por tarea: número, estado, prompt, tiempo dedicado. Las flechas pasan de una tarea a otra y las abren.</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>La búsqueda falló</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>{shown:,} de {total:,} mostradas</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>Ninguna tarea coincide. Borre la búsqueda (Esc) o elija «Todas las tareas».</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>Aún no hay tareas. Importe un paquete de tareas para empezar.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>Importar paquete</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>Paquetes de Docket (*.docket);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>Su último cambio aún no está guardado (vea el mensaje anterior); importe el paquete cuando lo esté.</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>La tarjeta pública del servidor (server.pub)</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>Tarjetas públicas (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>Importando {name} …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>Este espacio de trabajo contiene varios paquetes; se exporta la ronda de calibración de la tarea abierta ({source}). Abra una tarea de otro paquete para exportar ese.</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>Este espacio de trabajo contiene varios paquetes; se exporta el paquete de tareas de la tarea abierta ({source}). Abra una tarea de otro paquete para exportar ese.</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>Respondidas: {answered} (marcadas: {flagged})
Omitidas: {skipped}
Borradores sin enviar: {drafts} (no se exportan)
Tareas en total: {total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>¿Escribir el paquete de resultados firmado?</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>Guardar el paquete de resultados</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>Se escribieron {answers} respuestas (secuencia {sequence}) en
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>Composición de fórmulas</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>Las fórmulas se componen una vez, en segundo plano, y se guardan en el espacio de trabajo; hasta entonces se muestran como texto.</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>No se pudieron componer las fórmulas: {error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>Esta tarea no tiene documentos fuente.</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>Sin guardar — reintentando</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>&amp;Importar paquete…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Exportar resultados…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>Ajustes de &amp;seguridad…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarea</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>Tarea &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>Tarea &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>&amp;Enviar y seguir</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>Guardar como &amp;borrador</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>&amp;Omitir…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>Aceptar la su&amp;gerencia del juez de IA</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>Aceptar todas las sugerencias del juez de IA</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>&amp;Deshacer cambio de respuesta</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>&amp;Rehacer cambio de respuesta</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>Ir al formulario de &amp;respuesta</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>Ir a las &amp;marcas</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>Ir a la &amp;justificación</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>Ir a la ree&amp;scritura</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>&amp;Buscar tareas</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>&amp;Cita siguiente</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>C&amp;ita anterior</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>Marcar la selección como datos &amp;personales…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>Ir a las &amp;fuentes</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>Buscar en los &amp;documentos</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>Mostrar &amp;diferencias</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>Desplazamiento &amp;sincronizado</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Restablecer zoom</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Como el sistema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>¿Salir sin guardar?</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>Su último cambio no se pudo guardar (vea el mensaje anterior); Docket sigue reintentando.

¿Salir de todos modos y perder ese cambio?</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>No se pudieron guardar los ajustes de la ventana: {exc}</translation>
    </message>
</context>
</TS>
