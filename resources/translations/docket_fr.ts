<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>Conversation (%n turn(s), {hidden} earlier hidden)</source>
        <translation>
            <numerusform>Conversation (%n tour, {hidden} précédents masqués)</numerusform>
            <numerusform>Conversation (%n tours, {hidden} précédents masqués)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversation (%n turn(s))</source>
        <translation>
            <numerusform>Conversation (%n tour)</numerusform>
            <numerusform>Conversation (%n tours)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagsEditor</name>
    <message numerus="yes">
        <source>⚠ Possible PII in this response (%n finding(s)).</source>
        <translation>
            <numerusform>⚠ Données personnelles possibles dans cette réponse (%n détection).</numerusform>
            <numerusform>⚠ Données personnelles possibles dans cette réponse (%n détections).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message numerus="yes">
        <source>Reviewers&apos; answers — %n reviewer(s), severity {severity:g}</source>
        <translation>
            <numerusform>Réponses des évaluateurs — %n évaluateur, gravité {severity:g}</numerusform>
            <numerusform>Réponses des évaluateurs — %n évaluateurs, gravité {severity:g}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message numerus="yes">
        <source>Sources · %n document(s)</source>
        <translation>
            <numerusform>Sources · %n document</numerusform>
            <numerusform>Sources · %n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskListPanel</name>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln tâche</numerusform>
            <numerusform>%Ln tâches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n caractère</numerusform>
            <numerusform>%n caractères</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>answer_panel</name>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Problem with {title}</source>
        <translation>Problème dans {title}</translation>
    </message>
    <message>
        <source>Problem with the answers</source>
        <translation>Problème dans les réponses</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>Tâche entière</translation>
    </message>
    <message>
        <source>Answer form</source>
        <translation>Formulaire de réponse</translation>
    </message>
</context>
<context>
    <name>answer_questions</name>
    <message>
        <source>{label} much better</source>
        <translation>{label} bien meilleure</translation>
    </message>
    <message>
        <source>{label} better</source>
        <translation>{label} meilleure</translation>
    </message>
    <message>
        <source>{label} much
better</source>
        <translation>{label} bien
mieux</translation>
    </message>
    <message>
        <source>{label}
better</source>
        <translation>{label}
mieux</translation>
    </message>
    <message>
        <source>{label} better ({strength})</source>
        <translation>{label} meilleure ({strength})</translation>
    </message>
    <message>
        <source>{label}
better ({strength})</source>
        <translation>{label}
mieux ({strength})</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Égalité</translation>
    </message>
    <message>
        <source>This question compares two responses; this task has {count}.</source>
        <translation>Cette question compare deux réponses ; cette tâche en a {count}.</translation>
    </message>
    <message>
        <source>{name} (key {key}; click again to clear)</source>
        <translation>{name} (touche {key} ; cliquer à nouveau pour effacer)</translation>
    </message>
    <message>
        <source>{name} (click again to clear)</source>
        <translation>{name} (cliquer à nouveau pour effacer)</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>Raccourci : {key}</translation>
    </message>
    <message>
        <source>Keys 1–{last} choose a step; A and B are the responses shown.</source>
        <translation>Les touches 1–{last} choisissent un échelon ; A et B sont les réponses affichées.</translation>
    </message>
    <message>
        <source>{lo} = lowest, {hi} = highest; click a chosen score again to clear it.</source>
        <translation>{lo} = le plus bas, {hi} = le plus haut ; cliquer à nouveau sur un score choisi l’efface.</translation>
    </message>
    <message>
        <source>Set PII flag</source>
        <translation>Cocher PII</translation>
    </message>
    <message>
        <source>{who}: set the PII flag</source>
        <translation>{who} : signaler des données personnelles</translation>
    </message>
    <message>
        <source>Possible PII was found in this response: flag it if it is</source>
        <translation>Des données personnelles possibles ont été trouvées dans cette réponse : signalez-les si c’en est</translation>
    </message>
    <message>
        <source>Whole task</source>
        <translation>Tâche entière</translation>
    </message>
    <message>
        <source>{who}: {label} (Space toggles)</source>
        <translation>{who} : {label} (Espace bascule)</translation>
    </message>
    <message>
        <source>{title}: {option} (Space toggles)</source>
        <translation>{title} : {option} (Espace bascule)</translation>
    </message>
    <message>
        <source>{title}: {option} (click again to clear)</source>
        <translation>{title} : {option} (cliquer à nouveau pour effacer)</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Required (at least {n} characters)</source>
        <translation>Obligatoire (au moins {n} caractères)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>Required for {rules}</source>
        <translation>Obligatoire si {rules}</translation>
    </message>
    <message>
        <source>Required for {rules} (at least {n} characters)</source>
        <translation>Obligatoire si {rules} (au moins {n} caractères)</translation>
    </message>
    <message>
        <source>Optional now; required for {rules}</source>
        <translation>Facultatif pour l’instant ; obligatoire si {rules}</translation>
    </message>
    <message>
        <source>Optional now; required for {rules} (at least {n} characters)</source>
        <translation>Facultatif pour l’instant ; obligatoire si {rules} (au moins {n} caractères)</translation>
    </message>
    <message>
        <source>{title} rule</source>
        <translation>Règle : {title}</translation>
    </message>
    <message>
        <source>{title} (Tab leaves the text box)</source>
        <translation>{title} (Tab quitte la zone de texte)</translation>
    </message>
    <message>
        <source>{n} characters; at most {most}</source>
        <translation>{n} caractères ; au plus {most}</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters ({more} more needed)</source>
        <translation>{n} sur au moins {least} caractères (encore {more})</translation>
    </message>
    <message>
        <source>{n} of at least {least} characters</source>
        <translation>{n} sur au moins {least} caractères</translation>
    </message>
</context>
<context>
    <name>answer_ranking</name>
    <message>
        <source>Ranking status</source>
        <translation>État du classement</translation>
    </message>
    <message>
        <source>{title}: responses in rank order, best first</source>
        <translation>{title} : réponses par rang, la meilleure en premier</translation>
    </message>
    <message>
        <source>Drag to reorder. {keys}; Enter keeps this order.</source>
        <translation>Faites glisser pour réordonner. {keys} ; Entrée valide cet ordre.</translation>
    </message>
</context>
<context>
    <name>answer_rewrite</name>
    <message>
        <source>{title}: large editor</source>
        <translation>{title} : grand éditeur</translation>
    </message>
    <message>
        <source>Large rewrite editor</source>
        <translation>Grand éditeur de réécriture</translation>
    </message>
    <message>
        <source>Rewrite changes</source>
        <translation>Modifications de la réécriture</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Rewrite starts from</source>
        <translation>La réécriture part de</translation>
    </message>
    <message>
        <source>The response your rewrite starts from (its changes are shown)</source>
        <translation>La réponse dont part votre réécriture (ses modifications sont affichées)</translation>
    </message>
    <message>
        <source>Responses to start from</source>
        <translation>Réponses de départ</translation>
    </message>
    <message>
        <source>Rewrite text (markdown)</source>
        <translation>Texte de la réécriture (markdown)</translation>
    </message>
    <message>
        <source>Your answer, in markdown (Tab leaves the text; {RESET_KEY} resets to the original; {LARGE_KEY} opens a large window)</source>
        <translation>Votre réponse, en markdown (Tab quitte le texte ; {RESET_KEY} rétablit l’original ; {LARGE_KEY} ouvre une grande fenêtre)</translation>
    </message>
    <message>
        <source>Rewrite counts</source>
        <translation>Décompte de la réécriture</translation>
    </message>
    <message>
        <source>Problem with the rewrite</source>
        <translation>Problème dans la réécriture</translation>
    </message>
    <message>
        <source>Reset to the original</source>
        <translation>Rétablir l’original</translation>
    </message>
    <message>
        <source>Put the base response&apos;s text back ({RESET_KEY}; undoable)</source>
        <translation>Remettre le texte de la réponse de départ ({RESET_KEY} ; annulable)</translation>
    </message>
    <message>
        <source>Large editor…</source>
        <translation>Grand éditeur…</translation>
    </message>
    <message>
        <source>Edit in a large window</source>
        <translation>Modifier dans une grande fenêtre</translation>
    </message>
    <message>
        <source>Edit with the changes and preview side by side ({LARGE_KEY})</source>
        <translation>Modifier avec les changements et l’aperçu côte à côte ({LARGE_KEY})</translation>
    </message>
    <message>
        <source>Rewrite changes and preview</source>
        <translation>Modifications et aperçu de la réécriture</translation>
    </message>
    <message>
        <source>Changes against the base</source>
        <translation>Modifications par rapport au texte de départ</translation>
    </message>
    <message>
        <source>Rewrite preview</source>
        <translation>Aperçu de la réécriture</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Choose a response…</source>
        <translation>Choisir une réponse…</translation>
    </message>
    <message>
        <source>Choose the response to start from above.</source>
        <translation>Choisissez ci-dessus la réponse de départ.</translation>
    </message>
    <message>
        <source>Write the answer here, in markdown.</source>
        <translation>Rédigez la réponse ici, en markdown.</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;color: {text}&quot;&gt;Written from empty: no base to compare.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;color: {text}&quot;&gt;Rédigée à partir de rien : aucun texte de départ à comparer.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>answer_rubric</name>
    <message>
        <source>Grade {name} (Tab / Shift+Tab in the list of criteria)</source>
        <translation>Évaluer {name} (Tab / Maj+Tab dans la liste des critères)</translation>
    </message>
    <message>
        <source>Score and progress of the response graded</source>
        <translation>Score et progression de la réponse évaluée</translation>
    </message>
    <message>
        <source>Show criteria with the tag</source>
        <translation>Afficher les critères portant l’étiquette</translation>
    </message>
    <message>
        <source>Show only the criteria with this tag</source>
        <translation>N’afficher que les critères portant cette étiquette</translation>
    </message>
    <message>
        <source>Tags of the criteria</source>
        <translation>Étiquettes des critères</translation>
    </message>
    <message>
        <source>Open only (U)</source>
        <translation>Non évalués seulement (U)</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet</source>
        <translation>N’afficher que les critères pas encore évalués</translation>
    </message>
    <message>
        <source>Show only the criteria not graded yet for this response (U)</source>
        <translation>N’afficher que les critères pas encore évalués pour cette réponse (U)</translation>
    </message>
    <message>
        <source>Y met · N not met · − not applicable · Backspace clears · Enter writes a note · Tab / Shift+Tab next / previous response · U open criteria only</source>
        <translation>Y satisfait · N non satisfait · − sans objet · Retour arrière efface · Entrée rédige une note · Tab / Maj+Tab réponse suivante / précédente · U critères non évalués seulement</translation>
    </message>
    <message>
        <source>Current criterion</source>
        <translation>Critère actuel</translation>
    </message>
    <message>
        <source>Full text of the current criterion</source>
        <translation>Texte complet du critère actuel</translation>
    </message>
    <message>
        <source>Note on the current criterion</source>
        <translation>Note sur le critère actuel</translation>
    </message>
    <message>
        <source>Enter or Escape: back to the criteria; Shift+Enter: a new line</source>
        <translation>Entrée ou Échap : retour aux critères ; Maj+Entrée : nouvelle ligne</translation>
    </message>
    <message>
        <source>{name}: score {words}, {graded} of {total} graded</source>
        <translation>{name} : score {words}, {graded} sur {total} évalués</translation>
    </message>
    <message>
        <source>No criteria for this task.</source>
        <translation>Aucun critère pour cette tâche.</translation>
    </message>
    <message>
        <source>Criteria for {name}, {shown} of {total} shown</source>
        <translation>Critères pour {name}, {shown} sur {total} affichés</translation>
    </message>
    <message>
        <source>Criteria for {name}</source>
        <translation>Critères pour {name}</translation>
    </message>
    <message>
        <source>No criterion matches the filter.</source>
        <translation>Aucun critère ne correspond au filtre.</translation>
    </message>
    <message>
        <source>This task has no criteria.</source>
        <translation>Cette tâche n’a aucun critère.</translation>
    </message>
    <message>
        <source>Every criterion shown is graded for {name}.</source>
        <translation>Chaque critère affiché est évalué pour {name}.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_criteria} · {points} · {symbol} {word} for {name}</source>
        <translation>Critère {number} sur {n_criteria} · {points} · {symbol} {word} pour {name}</translation>
    </message>
    <message>
        <source>Note on {where}</source>
        <translation>Note sur {where}</translation>
    </message>
    <message>
        <source>Note on criterion {number} (optional; Enter in the list)</source>
        <translation>Note sur le critère {number} (facultative ; Entrée dans la liste)</translation>
    </message>
    <message>
        <source>Grade this criterion first (Y, N or −); then Enter writes a note.</source>
        <translation>Évaluez d’abord ce critère (Y, N ou −) ; Entrée rédige ensuite une note.</translation>
    </message>
    <message>
        <source>{criterion} — grade it first (Y, N or −).</source>
        <translation>{criterion} — évaluez-le d’abord (Y, N ou −).</translation>
    </message>
</context>
<context>
    <name>answer_rubric_writing</name>
    <message>
        <source>Criteria written</source>
        <translation>Critères rédigés</translation>
    </message>
    <message>
        <source>Criteria, in order</source>
        <translation>Critères, dans l’ordre</translation>
    </message>
    <message>
        <source>Up/Down choose · Alt+Up / Alt+Down move · Delete removes · Enter edits the text · {ADD_KEY} adds a criterion</source>
        <translation>Haut/Bas choisissent · Alt+Haut / Alt+Bas déplacent · Suppr retire · Entrée modifie le texte · {ADD_KEY} ajoute un critère</translation>
    </message>
    <message>
        <source>Criterion being edited</source>
        <translation>Critère en cours de modification</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Criterion text</source>
        <translation>Texte du critère</translation>
    </message>
    <message>
        <source>What a good response does (or, for a penalty, must not do)</source>
        <translation>Ce que fait une bonne réponse (ou, pour une pénalité, ce qu’elle ne doit pas faire)</translation>
    </message>
    <message>
        <source>The criterion (Tab goes to its points)</source>
        <translation>Le critère (Tab passe à ses points)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Criterion points</source>
        <translation>Points du critère</translation>
    </message>
    <message>
        <source>{MIN_POINTS} to +{MAX_POINTS}; negative points are a penalty when a response does this</source>
        <translation>De {MIN_POINTS} à +{MAX_POINTS} ; des points négatifs sont une pénalité quand une réponse fait cela</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Criterion tags</source>
        <translation>Étiquettes du critère</translation>
    </message>
    <message>
        <source>Space ticks or clears the tag</source>
        <translation>Espace coche ou décoche l’étiquette</translation>
    </message>
    <message>
        <source>Tags, separated by commas (optional)</source>
        <translation>Étiquettes, séparées par des virgules (facultatif)</translation>
    </message>
    <message>
        <source>Any tags, e.g. axis:accuracy, theme:emergency_referrals</source>
        <translation>Toutes étiquettes, p. ex. axis:accuracy, theme:emergency_referrals</translation>
    </message>
    <message>
        <source>Problems with this criterion</source>
        <translation>Problèmes de ce critère</translation>
    </message>
    <message>
        <source>Add a criterion ({ADD_KEY})</source>
        <translation>Ajouter un critère ({ADD_KEY})</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first</source>
        <translation>Au plus {max_criteria} critères : retirez-en un d’abord</translation>
    </message>
    <message>
        <source>No criteria yet: {ADD_KEY} adds one.</source>
        <translation>Aucun critère pour l’instant : {ADD_KEY} en ajoute un.</translation>
    </message>
    <message>
        <source>Criterion {number} of {n_items}</source>
        <translation>Critère {number} sur {n_items}</translation>
    </message>
    <message>
        <source>At most {max_criteria} criteria: remove one first.</source>
        <translation>Au plus {max_criteria} critères : retirez-en un d’abord.</translation>
    </message>
</context>
<context>
    <name>answer_widgets</name>
    <message>
        <source>Response {label}</source>
        <translation>Réponse {label}</translation>
    </message>
    <message>
        <source>{name}: {low} to {high}; the lowest step (—) clears it</source>
        <translation>{name} : de {low} à {high} ; le plus bas échelon (—) l’efface</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{message} Try again.</source>
        <translation>{message} Réessayez.</translation>
    </message>
    <message>
        <source>Welcome to Docket</source>
        <translation>Bienvenue dans Docket</translation>
    </message>
    <message>
        <source>Workspace folder (created if new):</source>
        <translation>Dossier de travail (créé s’il n’existe pas) :</translation>
    </message>
    <message>
        <source>Your key (NAME.key):</source>
        <translation>Votre clé (NOM.key) :</translation>
    </message>
    <message>
        <source>Bundle to import (optional):</source>
        <translation>Lot à importer (facultatif) :</translation>
    </message>
    <message>
        <source>Server&apos;s public card (server.pub):</source>
        <translation>Carte publique du serveur (server.pub) :</translation>
    </message>
    <message>
        <source>Docket keeps your review encrypted in a workspace folder, unlocked by your key.
Your key and public card come from `docket keygen` (or from your project lead); bundles come from the project server.</source>
        <translation>Docket conserve votre évaluation chiffrée dans un dossier de travail, déverrouillé par votre clé.
Votre clé et votre carte publique proviennent de `docket keygen` (ou de votre responsable de projet) ; les lots proviennent du serveur du projet.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Dossier de travail</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <source>{path} is neither a workspace folder nor a bundle file.</source>
        <translation>{path} n’est ni un dossier de travail ni un fichier de lot.</translation>
    </message>
</context>
<context>
    <name>comparison_view</name>
    <message>
        <source>Raw</source>
        <translation>Brut</translation>
    </message>
    <message>
        <source>Show the text exactly as the model wrote it (hidden characters as marks)</source>
        <translation>Afficher le texte exactement tel que le modèle l’a écrit (caractères cachés signalés)</translation>
    </message>
    <message>
        <source>Response {letter}</source>
        <translation>Réponse {letter}</translation>
    </message>
    <message>
        <source>Show response {letter} raw</source>
        <translation>Afficher la réponse {letter} brute</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Show or hide earlier turns</source>
        <translation>Afficher ou masquer les tours précédents</translation>
    </message>
    <message>
        <source>Focus response {number}</source>
        <translation>Aller à la réponse {number}</translation>
    </message>
    <message>
        <source>Responses to compare</source>
        <translation>Réponses à comparer</translation>
    </message>
    <message>
        <source>Which two responses &apos;Show differences&apos; compares</source>
        <translation>Les deux réponses que compare « Afficher les différences »</translation>
    </message>
    <message>
        <source>Hidden characters in this task</source>
        <translation>Caractères cachés dans cette tâche</translation>
    </message>
    <message>
        <source>Compare {first} with {second}</source>
        <translation>Comparer {first} avec {second}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Preference: A much better … tie … B much better</source>
        <translation>Préférence : A bien meilleure … égalité … B bien meilleure</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>Tâche suivante</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>Tâche précédente</translation>
    </message>
    <message>
        <source>Submit and go to the next task</source>
        <translation>Envoyer et passer à la tâche suivante</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Garder comme brouillon</translation>
    </message>
    <message>
        <source>Skip the task (asks for a reason)</source>
        <translation>Passer la tâche (demande un motif)</translation>
    </message>
    <message>
        <source>Focus the answer form (then Tab / arrows; in a ranking Alt+Up/Down, =, Enter)</source>
        <translation>Aller au formulaire de réponse (puis Tab / flèches ; dans un classement Alt+Haut/Bas, =, Entrée)</translation>
    </message>
    <message>
        <source>Focus the flags</source>
        <translation>Aller aux signalements</translation>
    </message>
    <message>
        <source>Focus the rationale</source>
        <translation>Aller à la justification</translation>
    </message>
    <message>
        <source>Focus the rewrite (Ctrl+Shift+R resets it to its base, Ctrl+Shift+E opens a large editor)</source>
        <translation>Aller à la réécriture (Ctrl+Maj+R la remet au texte de départ, Ctrl+Maj+E ouvre un grand éditeur)</translation>
    </message>
    <message>
        <source>Show differences between two responses</source>
        <translation>Afficher les différences entre deux réponses</translation>
    </message>
    <message>
        <source>Show / hide the earlier turns of a long conversation (or Tab to its line, Enter)</source>
        <translation>Afficher / masquer les tours précédents d’une longue conversation (ou Tab jusqu’à sa ligne, Entrée)</translation>
    </message>
    <message>
        <source>Search prompts and responses</source>
        <translation>Rechercher dans les prompts et les réponses</translation>
    </message>
    <message>
        <source>Next / previous citation in a response (Enter shows its document)</source>
        <translation>Citation suivante / précédente dans une réponse (Entrée affiche son document)</translation>
    </message>
    <message>
        <source>Focus the Sources pane (Up/Down: documents)</source>
        <translation>Aller au volet Sources (Haut/Bas : documents)</translation>
    </message>
    <message>
        <source>Find in the documents (Enter / Shift+Enter: next / previous)</source>
        <translation>Rechercher dans les documents (Entrée / Maj+Entrée : suivant / précédent)</translation>
    </message>
    <message>
        <source>Undo / redo an answer edit</source>
        <translation>Annuler / rétablir une modification de réponse</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s suggestion for the focused question (else the next one)</source>
        <translation>Accepter la suggestion du juge IA pour la question active (sinon la suivante)</translation>
    </message>
    <message>
        <source>Accept every AI judge suggestion still to confirm</source>
        <translation>Accepter toutes les suggestions du juge IA encore à confirmer</translation>
    </message>
    <message>
        <source>Zoom in / out / reset</source>
        <translation>Zoom avant / arrière / réinitialiser</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exporter les résultats</translation>
    </message>
    <message>
        <source>Import a bundle</source>
        <translation>Importer un lot</translation>
    </message>
    <message>
        <source>Lock (the passphrase unlocks)</source>
        <translation>Verrouiller (la phrase secrète déverrouille)</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Cette liste</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Passphrase for {what}:</source>
        <translation>Phrase secrète de {what} :</translation>
    </message>
    <message>
        <source>Skip this task</source>
        <translation>Passer cette tâche</translation>
    </message>
    <message>
        <source>Reason for skipping</source>
        <translation>Motif du passage</translation>
    </message>
    <message>
        <source>Why skip it? (e.g. outside my expertise, prompt unclear)</source>
        <translation>Pourquoi la passer ? (p. ex. hors de mon domaine, prompt peu clair)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <source>A short reason helps the project lead:</source>
        <translation>Un motif court aide le responsable de projet :</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Link not opened</source>
        <translation>Lien non ouvert</translation>
    </message>
    <message>
        <source>This link is not a valid web address; it is not opened.</source>
        <translation>Ce lien n’est pas une adresse web valide ; il n’est pas ouvert.</translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>Ouvrir le lien ?</translation>
    </message>
</context>
<context>
    <name>guidelines</name>
    <message>
        <source>Find in guidelines (Enter: next)</source>
        <translation>Rechercher dans les consignes (Entrée : suivant)</translation>
    </message>
    <message>
        <source>Find in guidelines</source>
        <translation>Rechercher dans les consignes</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>Consignes</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No guidelines came with this bundle.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;Ce lot n’est accompagné d’aucune consigne.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Aucune occurrence</translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Docket is locked</source>
        <translation>Docket est verrouillé</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Locked after a time without activity.</source>
        <translation>Verrouillé après une période d’inactivité.</translation>
    </message>
    <message>
        <source>Locked because the screen was locked.</source>
        <translation>Verrouillé parce que l’écran a été verrouillé.</translation>
    </message>
    <message>
        <source>Locked because the computer went to sleep.</source>
        <translation>Verrouillé parce que l’ordinateur s’est mis en veille.</translation>
    </message>
    <message>
        <source>Your last change could not be saved yet (the disk refused it); it is kept and saved after you unlock.</source>
        <translation>Votre dernière modification n’a pas encore pu être enregistrée (le disque l’a refusée) ; elle est conservée et sera enregistrée après le déverrouillage.</translation>
    </message>
    <message>
        <source>Your work is saved.</source>
        <translation>Votre travail est enregistré.</translation>
    </message>
    <message>
        <source>Nothing of it is shown while locked.</source>
        <translation>Rien n’en est affiché tant que Docket est verrouillé.</translation>
    </message>
    <message>
        <source>Enter the passphrase of {key} to continue as {reviewer}.</source>
        <translation>Saisissez la phrase secrète de {key} pour continuer en tant que {reviewer}.</translation>
    </message>
    <message>
        <source>Continue as {reviewer}?</source>
        <translation>Continuer en tant que {reviewer} ?</translation>
    </message>
    <message>
        <source>Security settings</source>
        <translation>Paramètres de sécurité</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Lock after this long without activity:</source>
        <translation>Verrouiller après cette durée d’inactivité :</translation>
    </message>
    <message>
        <source>Clear text copied from Docket after:</source>
        <translation>Effacer le texte copié depuis Docket après :</translation>
    </message>
    <message>
        <source>“Never” turns either off. Ctrl+L locks at once.</source>
        <translation>« Jamais » désactive l’un ou l’autre. Ctrl+L verrouille immédiatement.</translation>
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
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Not submitted: {shown}</source>
        <translation>Non envoyé : {shown}</translation>
    </message>
    <message>
        <source>{done} / {total} answered</source>
        <translation>{done} / {total} répondues</translation>
    </message>
    <message>
        <source>No more tasks in this direction.</source>
        <translation>Plus de tâches dans cette direction.</translation>
    </message>
    <message>
        <source>This task has no AI judge suggestion to accept.</source>
        <translation>Cette tâche n’a pas de suggestion du juge IA à accepter.</translation>
    </message>
    <message>
        <source>Nothing left to accept: every suggested answer is accepted or changed.</source>
        <translation>Plus rien à accepter : chaque réponse suggérée est acceptée ou modifiée.</translation>
    </message>
    <message>
        <source>Accepted {agent}&apos;s answer: {names}.</source>
        <translation>Réponse de {agent} acceptée : {names}.</translation>
    </message>
    <message>
        <source>Kept your answer.{tail}</source>
        <translation>Votre réponse est conservée.{tail}</translation>
    </message>
    <message>
        <source>Submitted. The AI judge&apos;s answer is shown above yours: Ctrl+Enter keeps yours and moves on, or revise the form and submit again.</source>
        <translation>Envoyé. La réponse du juge IA est affichée au-dessus de la vôtre : Ctrl+Entrée garde la vôtre et continue, ou révisez le formulaire et envoyez à nouveau.</translation>
    </message>
    <message>
        <source>Submitted. The expected answer is shown above your answer; Ctrl+Enter or J for the next task.</source>
        <translation>Envoyé. La réponse attendue est affichée au-dessus de la vôtre ; Ctrl+Entrée ou J pour la tâche suivante.</translation>
    </message>
    <message>
        <source>Submitted.</source>
        <translation>Envoyé.</translation>
    </message>
    <message>
        <source>Kept as draft.</source>
        <translation>Gardé comme brouillon.</translation>
    </message>
    <message>
        <source>This calibration answer is final; Ctrl+Enter or J for the next task.</source>
        <translation>Cette réponse d’étalonnage est définitive ; Ctrl+Entrée ou J pour la tâche suivante.</translation>
    </message>
    <message>
        <source>The new language applies when Docket starts again.</source>
        <translation>La nouvelle langue s’applique au prochain démarrage de Docket.</translation>
    </message>
    <message>
        <source>Some answers are more than a day old and not exported yet (File &gt; Export results).</source>
        <translation>Certaines réponses ont plus d’un jour et ne sont pas encore exportées (Fichier &gt; Exporter les résultats).</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelling …</source>
        <translation>Annulation …</translation>
    </message>
</context>
<context>
    <name>pii_list</name>
    <message>
        <source>Possible PII</source>
        <translation>Données personnelles possibles</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Afficher</translation>
    </message>
    <message>
        <source>Select it in its text (Enter)</source>
        <translation>La sélectionner dans son texte (Entrée)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Écarter</translation>
    </message>
    <message>
        <source>Not PII: dismiss the finding, or restore it (D)</source>
        <translation>Pas une donnée personnelle : écarter la détection, ou la rétablir (D)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove your mark (Delete)</source>
        <translation>Retirer votre marque (Suppr)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Rétablir</translation>
    </message>
</context>
<context>
    <name>pii_marking</name>
    <message>
        <source>Mark as PII</source>
        <translation>Marquer comme donnée personnelle</translation>
    </message>
    <message>
        <source>Type of PII</source>
        <translation>Type de donnée personnelle</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>Marquer la sélection comme donnée &amp;personnelle…</translation>
    </message>
    <message>
        <source>&amp;Restore possible PII ({what})</source>
        <translation>&amp;Rétablir la donnée personnelle possible ({what})</translation>
    </message>
    <message>
        <source>&amp;Dismiss: not PII ({what})</source>
        <translation>É&amp;carter : pas une donnée personnelle ({what})</translation>
    </message>
    <message>
        <source>Re&amp;move your PII mark ({what})</source>
        <translation>Retirer votre &amp;marque de donnée personnelle ({what})</translation>
    </message>
</context>
<context>
    <name>quality_views</name>
    <message>
        <source>Calibration round</source>
        <translation>Série d’étalonnage</translation>
    </message>
    <message>
        <source>A training set: the expected answer is shown after each submit; these answers count toward your calibration score only.</source>
        <translation>Une série d’entraînement : la réponse attendue est affichée après chaque envoi ; ces réponses ne comptent que pour votre score d’étalonnage.</translation>
    </message>
    <message>
        <source>Answered quickly</source>
        <translation>Répondu rapidement</translation>
    </message>
    <message>
        <source>&lt;b&gt;Answered quickly:&lt;/b&gt; {words}</source>
        <translation>&lt;b&gt;Répondu rapidement :&lt;/b&gt; {words}</translation>
    </message>
    <message>
        <source>Answered quickly: {words}</source>
        <translation>Répondu rapidement : {words}</translation>
    </message>
    <message>
        <source>Expected answer — compare it with yours</source>
        <translation>Réponse attendue — comparez avec la vôtre</translation>
    </message>
    <message>
        <source>Expected answer and explanation</source>
        <translation>Réponse attendue et explication</translation>
    </message>
</context>
<context>
    <name>reviews_panel</name>
    <message>
        <source>Reviewers&apos; answers</source>
        <translation>Réponses des évaluateurs</translation>
    </message>
</context>
<context>
    <name>session_lock</name>
    <message>
        <source>Could not save the settings: {exc}</source>
        <translation>Impossible d’enregistrer les paramètres : {exc}</translation>
    </message>
</context>
<context>
    <name>sources_pane</name>
    <message>
        <source>Doc</source>
        <translation>Doc</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Cited in</source>
        <translation>Cité dans</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Trouvé</translation>
    </message>
    <message>
        <source>The document&apos;s id, as responses cite it ([1], [doc-id])</source>
        <translation>L’identifiant du document, tel que les réponses le citent ([1], [doc-id])</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>Le titre du document</translation>
    </message>
    <message>
        <source>Which responses cite the document</source>
        <translation>Les réponses qui citent le document</translation>
    </message>
    <message>
        <source>Matches of the search in the document</source>
        <translation>Occurrences de la recherche dans le document</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Find in documents (Enter: next, Shift+Enter: previous)</source>
        <translation>Rechercher dans les documents (Entrée : suivant, Maj+Entrée : précédent)</translation>
    </message>
    <message>
        <source>Find in documents</source>
        <translation>Rechercher dans les documents</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Occurrence précédente</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>Occurrence précédente (Maj+Entrée, Maj+F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Occurrence suivante</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>Occurrence suivante (Entrée, F3)</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Résultat de la recherche</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Followed citation</source>
        <translation>Citation suivie</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Document {id}: {title}</source>
        <translation>Document {id} : {title}</translation>
    </message>
    <message>
        <source>⚠ {where} cites [{label}{UNKNOWN_MARK}]: there is no document “{key}” in this task.</source>
        <translation>⚠ {where} cite [{label}{UNKNOWN_MARK}] : il n’y a pas de document « {key} » dans cette tâche.</translation>
    </message>
    <message>
        <source>{FOLLOWED_MARK} Cited as [{label}] in {where}: document {document_id}</source>
        <translation>{FOLLOWED_MARK} Cité comme [{label}] dans {where} : document {document_id}</translation>
    </message>
    <message>
        <source>No match in any document</source>
        <translation>Aucune occurrence dans les documents</translation>
    </message>
    <message>
        <source>in {documents} of {total} documents</source>
        <translation>dans {documents} documents sur {total}</translation>
    </message>
    <message>
        <source>Match {number} of {n:,}{more} · {where}</source>
        <translation>Occurrence {number} sur {n:,}{more} · {where}</translation>
    </message>
</context>
<context>
    <name>span_list</name>
    <message>
        <source>Marked spans</source>
        <translation>Passages marqués</translation>
    </message>
    <message>
        <source>No spans marked.</source>
        <translation>Aucun passage marqué.</translation>
    </message>
</context>
<context>
    <name>span_marking</name>
    <message>
        <source>Edit span</source>
        <translation>Modifier le passage</translation>
    </message>
    <message>
        <source>Mark span</source>
        <translation>Marquer un passage</translation>
    </message>
    <message>
        <source>Number keys pick a label; Tab moves on; Enter marks, Esc cancels.</source>
        <translation>Les touches numériques choisissent une étiquette ; Tab avance ; Entrée marque, Échap annule.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>É&amp;tiquette</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>&amp;Gravité</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation>&amp;Commentaire</translation>
    </message>
</context>
<context>
    <name>suggestion_views</name>
    <message>
        <source>The AI judge&apos;s answer — compare it with yours</source>
        <translation>Réponse du juge IA — comparez avec la vôtre</translation>
    </message>
    <message>
        <source>The AI judge&apos;s answer and critique</source>
        <translation>Réponse et critique du juge IA</translation>
    </message>
    <message>
        <source>The AI judge ({agent}) — compare it with yours</source>
        <translation>Le juge IA ({agent}) — comparez avec la vôtre</translation>
    </message>
</context>
<context>
    <name>task_list</name>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouvelle</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>passée</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>signalée</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>Toutes les tâches</translation>
    </message>
    <message>
        <source>To do (new or draft)</source>
        <translation>À faire (nouvelles ou brouillons)</translation>
    </message>
    <message>
        <source>Position in the bundle</source>
        <translation>Position dans le lot</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>État de l’évaluation</translation>
    </message>
    <message>
        <source>The prompt (last user message)</source>
        <translation>Le prompt (dernier message de l’utilisateur)</translation>
    </message>
    <message>
        <source>Active review time (minutes:seconds)</source>
        <translation>Temps d’évaluation actif (minutes:secondes)</translation>
    </message>
    <message>
        <source>no prompt</source>
        <translation>aucun prompt</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>état {status}</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>tâche {number}</translation>
    </message>
    <message>
        <source>Search prompts and responses (Ctrl+F)</source>
        <translation>Rechercher dans les prompts et les réponses (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Rechercher des tâches</translation>
    </message>
    <message>
        <source>Shows only tasks whose prompt or responses contain the text. Enter searches at once; Escape clears.</source>
        <translation>N’affiche que les tâches dont le prompt ou les réponses contiennent le texte. Entrée lance la recherche ; Échap l’efface.</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrer par état</translation>
    </message>
    <message>
        <source>Show only tasks with this status</source>
        <translation>N’afficher que les tâches dans cet état</translation>
    </message>
    <message>
        <source>Tasks shown</source>
        <translation>Tâches affichées</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>Liste des tâches</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>Colonnes de la liste des tâches</translation>
    </message>
    <message>
        <source>One row per task: number, status, prompt, time spent. Arrow keys move between tasks and open them.</source>
        <translation>Une ligne par tâche : numéro, état, prompt, temps passé. Les flèches passent d’une tâche à l’autre et les ouvrent.</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>Échec de la recherche</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} shown</source>
        <translation>{shown:,} sur {total:,} affichées</translation>
    </message>
    <message>
        <source>No tasks match. Clear the search (Esc) or choose “All tasks”.</source>
        <translation>Aucune tâche ne correspond. Effacez la recherche (Échap) ou choisissez « Toutes les tâches ».</translation>
    </message>
    <message>
        <source>There are no tasks yet. Import a task bundle to begin.</source>
        <translation>Aucune tâche pour l’instant. Importez un lot de tâches pour commencer.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>Import bundle</source>
        <translation>Importer un lot</translation>
    </message>
    <message>
        <source>Docket bundles (*.docket);;All files (*)</source>
        <translation>Lots Docket (*.docket);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Your last change is not saved yet (see the message before); import the bundle once it is.</source>
        <translation>Votre dernière modification n’est pas encore enregistrée (voir le message précédent) ; importez le lot dès qu’elle le sera.</translation>
    </message>
    <message>
        <source>The server&apos;s public card (server.pub)</source>
        <translation>La carte publique du serveur (server.pub)</translation>
    </message>
    <message>
        <source>Public cards (*.pub)</source>
        <translation>Cartes publiques (*.pub)</translation>
    </message>
    <message>
        <source>Importing {name} …</source>
        <translation>Importation de {name} …</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the calibration round of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>Cet espace de travail contient plusieurs lots ; ceci exporte la série d’étalonnage de la tâche ouverte ({source}). Ouvrez une tâche d’un autre lot pour exporter celui-ci.</translation>
    </message>
    <message>
        <source>This workspace holds several bundles; this exports the task bundle of the open task ({source}). Open a task of another bundle to export that one.</source>
        <translation>Cet espace de travail contient plusieurs lots ; ceci exporte le lot de tâches de la tâche ouverte ({source}). Ouvrez une tâche d’un autre lot pour exporter celui-ci.</translation>
    </message>
    <message>
        <source>Answered: {answered} (flagged: {flagged})
Skipped: {skipped}
Drafts not submitted: {drafts} (not exported)
Tasks in total: {total}</source>
        <translation>Répondues : {answered} (signalées : {flagged})
Passées : {skipped}
Brouillons non envoyés : {drafts} (non exportés)
Tâches au total : {total}</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exporter les résultats</translation>
    </message>
    <message>
        <source>Write the signed result bundle?</source>
        <translation>Écrire le lot de résultats signé ?</translation>
    </message>
    <message>
        <source>Save result bundle</source>
        <translation>Enregistrer le lot de résultats</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <source>Wrote {answers} answers (sequence {sequence}) to
{path}</source>
        <translation>{answers} réponses écrites (séquence {sequence}) dans
{path}</translation>
    </message>
</context>
<context>
    <name>typesetting</name>
    <message>
        <source>Typesetting formulas</source>
        <translation>Composition des formules</translation>
    </message>
    <message>
        <source>Formulas are typeset once, in the background, and kept in the workspace; until then they show as text.</source>
        <translation>Les formules sont composées une seule fois, en arrière-plan, et conservées dans l’espace de travail ; d’ici là elles s’affichent en texte.</translation>
    </message>
    <message>
        <source>Formulas could not be typeset: {error}</source>
        <translation>Impossible de composer les formules : {error}</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>This task has no source documents.</source>
        <translation>Cette tâche n’a pas de documents sources.</translation>
    </message>
    <message>
        <source>Not saved — retrying</source>
        <translation>Non enregistré — nouvel essai en cours</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
</context>
<context>
    <name>window_menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Import bundle…</source>
        <translation>&amp;Importer un lot…</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Exporter les résultats…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>Security &amp;settings…</source>
        <translation>&amp;Paramètres de sécurité…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tâche</translation>
    </message>
    <message>
        <source>&amp;Next task</source>
        <translation>Tâche &amp;suivante</translation>
    </message>
    <message>
        <source>&amp;Previous task</source>
        <translation>Tâche &amp;précédente</translation>
    </message>
    <message>
        <source>&amp;Submit and next</source>
        <translation>&amp;Envoyer et continuer</translation>
    </message>
    <message>
        <source>Keep as &amp;draft</source>
        <translation>Garder comme &amp;brouillon</translation>
    </message>
    <message>
        <source>S&amp;kip…</source>
        <translation>Pa&amp;sser…</translation>
    </message>
    <message>
        <source>Accept the AI judge&apos;s su&amp;ggestion</source>
        <translation>Accepter la su&amp;ggestion du juge IA</translation>
    </message>
    <message>
        <source>Accept all the AI judge&apos;s suggestions</source>
        <translation>Accepter toutes les suggestions du juge IA</translation>
    </message>
    <message>
        <source>&amp;Undo answer edit</source>
        <translation>&amp;Annuler la modification de réponse</translation>
    </message>
    <message>
        <source>&amp;Redo answer edit</source>
        <translation>&amp;Rétablir la modification de réponse</translation>
    </message>
    <message>
        <source>Focus the &amp;answer form</source>
        <translation>Aller au formulaire de &amp;réponse</translation>
    </message>
    <message>
        <source>Focus &amp;flags</source>
        <translation>Aller aux si&amp;gnalements</translation>
    </message>
    <message>
        <source>Focus &amp;rationale</source>
        <translation>Aller à la &amp;justification</translation>
    </message>
    <message>
        <source>Focus the re&amp;write</source>
        <translation>Aller à la ré&amp;écriture</translation>
    </message>
    <message>
        <source>&amp;Search tasks</source>
        <translation>Re&amp;chercher des tâches</translation>
    </message>
    <message>
        <source>Next &amp;citation</source>
        <translation>&amp;Citation suivante</translation>
    </message>
    <message>
        <source>Previous c&amp;itation</source>
        <translation>C&amp;itation précédente</translation>
    </message>
    <message>
        <source>Mark selection as &amp;PII…</source>
        <translation>Marquer la sélection comme donnée &amp;personnelle…</translation>
    </message>
    <message>
        <source>Focus the s&amp;ources</source>
        <translation>Aller aux s&amp;ources</translation>
    </message>
    <message>
        <source>Find in &amp;documents</source>
        <translation>Rechercher dans les &amp;documents</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Show &amp;differences</source>
        <translation>Afficher les &amp;différences</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>Défilement &amp;synchronisé</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Réinitialiser le zoom</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Système</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
</context>
<context>
    <name>window_state</name>
    <message>
        <source>Quit without saving?</source>
        <translation>Quitter sans enregistrer ?</translation>
    </message>
    <message>
        <source>Your last change could not be saved (see the earlier message); Docket is still retrying.

Quit anyway and lose that change?</source>
        <translation>Votre dernière modification n’a pas pu être enregistrée (voir le message précédent) ; Docket réessaie encore.

Quitter quand même et perdre cette modification ?</translation>
    </message>
    <message>
        <source>Could not save the window settings: {exc}</source>
        <translation>Impossible d’enregistrer les paramètres de la fenêtre : {exc}</translation>
    </message>
</context>
</TS>
