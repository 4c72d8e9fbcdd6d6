;;; The shipped rules' decisions (rules/*.rules, revision 2 of the clinical content) written as
;;; CLIPS rules, for the benchmark's side-by-side comparison with CLIPS 6.30. One `case` fact holds
;;; one person's answers, already understood (yes / no / unsure, numbers, option ids, and for
;;; `aura_features` the set of options that apply, empty for none); a fact the conversation did
;;; not ask is left out (`unasked`) and counts as unknown, as it does in the program. The rules decide the red
;;; flags (confirmed and unsure), the triage level, the headache pattern, the contributors, the NMT
;;; status, its focus areas and the self-care advice, and print one line:
;;;   FILE TRIAGE PATTERN NMT_STATUS FLAGS... | UNSURE_FLAGS... | FOCUS... | ADVICE...
;;;
;;; Conditions are three-valued, as in the rules language: 2 is yes, 0 is no, 1 or 3 is unknown
;;; (3 when a question never asked could still change it); `and` is no when any part is, `or` yes
;;; when any part is, `not` swaps yes and no. A flag whose condition is yes is
;;; confirmed; unknown makes it unsure, and it then counts one level lower (never below consult),
;;; or at its own unsure level (giant_cell_arteritis stays urgent).
;;; A pattern criterion that is unknown at the end is unmet.
;;; A confirmed emergency stops the conversation: no pattern, and no unsure flags are listed.
;;; An urgent triage stops the assessment: no pattern, contributors, focus areas or advice.

(deftemplate case
  (slot file)
  (slot sudden_onset (default unasked)) (slot worst_ever (default unasked)) (slot neuro_symptoms (default unasked))
  (slot seizure (default unasked)) (slot fever (default unasked)) (slot rash (default unasked))
  (slot eye_emergency (default unasked)) (slot stiff_neck (default unasked)) (slot age (default unasked))
  (slot head_injury (default unasked)) (slot head_injury_danger (default unasked)) (slot blood_thinners (default unasked))
  (slot new_or_changed (default unasked)) (slot progressive (default unasked)) (slot temple_jaw (default unasked))
  (slot positional (default unasked)) (slot cough_trigger (default unasked)) (slot new_neck_pain (default unasked))
  (slot others_unwell (default unasked)) (slot vision_problems (default unasked)) (slot pregnant (default unasked))
  (slot weak_immunity (default unasked)) (slot cancer (default unasked)) (slot weight_loss (default unasked))
  (slot new_medicine (default unasked)) (slot painkiller_days (default unasked)) (slot painkiller_kind (default unasked))
  (slot attacks (default unasked)) (slot headache_days (default unasked)) (slot months (default unasked))
  (slot duration_hours (default unasked)) (slot side (default unasked)) (slot quality (default unasked))
  (slot severity (default unasked)) (slot activity_worse (default unasked)) (slot nausea (default unasked))
  (slot vomiting (default unasked)) (slot light_sensitive (default unasked)) (slot noise_sensitive (default unasked))
  (slot aura (default unasked)) (slot aura_minutes (default unasked)) (slot aura_weakness (default unasked))
  (multislot aura_features (default unasked)) (slot combined_pill (default unasked)) (slot red_eye (default unasked))
  (slot restless (default unasked)) (slot neck_tension (default unasked)) (slot jaw_clenching (default unasked))
  (slot screen_hours (default unasked)) (slot stress (default unasked)) (slot sleep_hours (default unasked))
  (slot water_glasses (default unasked)) (slot skin_problem (default unasked)) (slot osteoporosis (default unasked))
  (slot high_blood_pressure (default unasked)) (slot dizzy_neck_turn (default unasked)) (slot neck_precautions (default unasked)))

(deftemplate flag (slot id) (slot level) (slot sure) (slot open))  ; sure: confirmed | unsure; open: a question never asked could change it
(deftemplate triage (slot level))
(deftemplate pattern (slot id))
(deftemplate contributor (slot id))
(deftemplate nmt (slot status))
(deftemplate focus (slot id))
(deftemplate advice (slot id))

;;; Three-valued logic: 2 is yes, 0 is no, and unknown is 1 when it rests on a "not sure" (or an
;;; unanswered question that was asked) and 3 when a question never asked could still change it
;;; (after an urgent triage, only a flag that rests on a "not sure" is listed as unsure).
(deffunction unknown (?v) (if (eq ?v unasked) then 3 else 1))
(deffunction yes (?v) (if (eq ?v yes) then 2 else (if (eq ?v no) then 0 else (unknown ?v))))
(deffunction t-not (?t) (if (= ?t 2) then 0 else (if (= ?t 0) then 2 else ?t)))
(deffunction t-and ($?ts)
  (if (member$ 0 ?ts) then 0 else (if (member$ 3 ?ts) then 3 else (if (member$ 1 ?ts) then 1 else 2))))
(deffunction t-or ($?ts)
  (if (member$ 2 ?ts) then 2 else (if (member$ 3 ?ts) then 3 else (if (member$ 1 ?ts) then 1 else 0))))
(deffunction ge (?v ?n) (if (numberp ?v) then (if (>= ?v ?n) then 2 else 0) else (unknown ?v)))
(deffunction gt (?v ?n) (if (numberp ?v) then (if (> ?v ?n) then 2 else 0) else (unknown ?v)))
(deffunction lt (?v ?n) (if (numberp ?v) then (if (< ?v ?n) then 2 else 0) else (unknown ?v)))
(deffunction between (?v ?lo ?hi) (if (numberp ?v) then (if (and (>= ?v ?lo) (<= ?v ?hi)) then 2 else 0) else (unknown ?v)))
(deffunction is (?v $?options)
  (if (or (eq ?v unsure) (eq ?v unasked)) then (unknown ?v) else (if (member$ ?v ?options) then 2 else 0)))
;; `X is unsure`: true for "not sure" and for a question never answered, else false (never unknown)
(deffunction is-unsure (?v) (if (or (eq ?v unsure) (eq ?v unasked)) then 2 else 0))
;; a `several` fact (a multifield of option ids, or `unsure` / `unasked`) holds any of these options
(deffunction has-any (?held $?options)
  (if (member$ unsure ?held) then (return 1))
  (if (member$ unasked ?held) then (return 3))
  (foreach ?o ?options (if (member$ ?o ?held) then (return 2)))
  0)
;; at least N / at most N of the truths
(deffunction count-of (?at-least ?n $?ts)
  (bind ?yes 0) (bind ?unknown 0)
  (foreach ?t ?ts (if (= ?t 2) then (bind ?yes (+ ?yes 1)) else (if (<> ?t 0) then (bind ?unknown (+ ?unknown 1)))))
  (bind ?open (if (member$ 3 ?ts) then 3 else 1))
  (if ?at-least
   then (if (>= ?yes ?n) then 2 else (if (< (+ ?yes ?unknown) ?n) then 0 else ?open))
   else (if (> ?yes ?n) then 0 else (if (<= (+ ?yes ?unknown) ?n) then 2 else ?open))))
(deffunction at-least (?n $?ts) (count-of TRUE ?n ?ts))
(deffunction at-most (?n $?ts) (count-of FALSE ?n ?ts))
;; a pattern's criteria: all met (or all but one with ?but-one); unknown is unmet
(deffunction criteria-met (?but-one $?ts)
  (bind ?unmet 0)
  (foreach ?t ?ts (if (<> ?t 2) then (bind ?unmet (+ ?unmet 1))))
  (if ?but-one then (= ?unmet 1) else (= ?unmet 0)))

(deffunction raise (?id ?level ?unsure-level ?t)
  (if (= ?t 2) then (assert (flag (id ?id) (level ?level) (sure confirmed)))
   else (if (<> ?t 0) then (assert (flag (id ?id) (level ?unsure-level) (sure unsure) (open (= ?t 3)))))))

;;; Red flags (red-flags.rules). Questions asked only in a context (stiff_neck with fever,
;;; temple_jaw from 50, the aura questions with aura, pregnant from 12 to 55, head_injury_danger
;;; with head_injury, painkiller_kind from 10 days) are read with their context.
(deffunction could-be-pregnant (?age ?pregnant) (t-and (between ?age 12 55) (yes ?pregnant)))

;; Emergency (unsure: urgent).
(defrule thunderclap (case (sudden_onset ?a)) => (raise thunderclap emergency urgent (yes ?a)))
(defrule worst_ever (case (worst_ever ?a)) => (raise worst_ever emergency urgent (yes ?a)))
(defrule neuro_deficit (case (neuro_symptoms ?a) (aura ?b) (aura_weakness ?c))
  => (raise neuro_deficit emergency urgent (t-or (yes ?a) (t-and (yes ?b) (yes ?c)))))
(defrule seizure (case (seizure ?a)) => (raise seizure emergency urgent (yes ?a)))
(defrule meningism (case (fever ?a) (stiff_neck ?b)) => (raise meningism emergency urgent (t-and (yes ?a) (yes ?b))))
(defrule meningococcal_rash (case (rash ?a)) => (raise meningococcal_rash emergency urgent (yes ?a)))
(defrule neutropenic_fever (case (fever ?a) (weak_immunity ?b))
  => (raise neutropenic_fever emergency urgent (t-and (yes ?a) (yes ?b))))
(defrule acute_eye (case (eye_emergency ?a)) => (raise acute_eye emergency urgent (yes ?a)))
(defrule gca_sight (case (age ?a) (temple_jaw ?b) (vision_problems ?c))
  => (raise gca_sight emergency urgent (t-and (ge ?a 50) (yes ?b) (yes ?c))))
(defrule head_injury_on_blood_thinners (case (head_injury ?a) (blood_thinners ?b))
  => (raise head_injury_on_blood_thinners emergency urgent (t-and (yes ?a) (yes ?b))))
(defrule head_injury_danger (case (head_injury ?a) (head_injury_danger ?b))
  => (raise head_injury_danger emergency urgent (t-and (yes ?a) (yes ?b))))

;; Urgent (unsure: consult; giant_cell_arteritis stays urgent).
(defrule fever (case (fever ?a)) => (raise fever urgent consult (yes ?a)))
(defrule head_injury (case (head_injury ?a)) => (raise head_injury urgent consult (yes ?a)))
(defrule giant_cell_arteritis (case (age ?a) (temple_jaw ?b))
  => (raise giant_cell_arteritis urgent urgent (t-and (ge ?a 50) (yes ?b))))
(defrule possible_dissection (case (new_neck_pain ?a)) => (raise possible_dissection urgent consult (yes ?a)))
(defrule carbon_monoxide (case (others_unwell ?a)) => (raise carbon_monoxide urgent consult (yes ?a)))
(defrule thinners_new_headache (case (blood_thinners ?a) (new_or_changed ?b))
  => (raise thinners_new_headache urgent consult (t-and (yes ?a) (yes ?b))))
(defrule high_bp_new_headache (case (high_blood_pressure ?a) (new_or_changed ?b))
  => (raise high_bp_new_headache urgent consult (t-and (yes ?a) (yes ?b))))
(defrule postpartum_positional (case (age ?a) (pregnant ?b) (positional ?c))
  => (raise postpartum_positional urgent consult (t-and (could-be-pregnant ?a ?b) (yes ?c))))
(defrule one_eye_sight_loss (case (aura ?a) (aura_features $?b))
  => (raise one_eye_sight_loss urgent consult (t-and (yes ?a) (has-any ?b one_eye_only))))
(defrule visual_disturbance (case (vision_problems ?a)) => (raise visual_disturbance urgent consult (yes ?a)))
(defrule atypical_aura (case (aura ?a) (aura_minutes ?b)) => (raise atypical_aura urgent consult (t-and (yes ?a) (gt ?b 60))))
(defrule cancer_history (case (cancer ?a) (new_or_changed ?b)) => (raise cancer_history urgent consult (t-and (yes ?a) (yes ?b))))
(defrule weak_immunity (case (weak_immunity ?a) (new_or_changed ?b)) => (raise weak_immunity urgent consult (t-and (yes ?a) (yes ?b))))
(defrule pregnancy_new_headache (case (age ?a) (pregnant ?b) (new_or_changed ?c))
  => (raise pregnancy_new_headache urgent consult (t-and (could-be-pregnant ?a ?b) (yes ?c))))

;; Consult.
(defrule older_new_onset (case (age ?a) (new_or_changed ?b)) => (raise older_new_onset consult consult (t-and (ge ?a 50) (yes ?b))))
(defrule pattern_change (case (new_or_changed ?a)) => (raise pattern_change consult consult (yes ?a)))
(defrule progressive (case (progressive ?a)) => (raise progressive consult consult (yes ?a)))
(defrule positional (case (positional ?a)) => (raise positional consult consult (yes ?a)))
(defrule exertional (case (cough_trigger ?a)) => (raise exertional consult consult (yes ?a)))
(defrule pregnancy (case (age ?a) (pregnant ?b)) => (raise pregnancy consult consult (could-be-pregnant ?a ?b)))
(defrule systemic (case (weight_loss ?a)) => (raise systemic consult consult (yes ?a)))
(defrule new_medicine (case (new_medicine ?a)) => (raise new_medicine consult consult (yes ?a)))
(defrule medication_overuse (case (painkiller_days ?a) (painkiller_kind ?b))
  => (raise medication_overuse consult consult (t-or (ge ?a 15) (t-and (ge ?a 10) (t-not (is ?b simple))))))
(defrule atypical_aura_features (case (aura ?a) (aura_features $?f))
  => (raise atypical_aura_features consult consult
       (t-and (yes ?a)
              (t-or (has-any ?f double_vision unsteady reduced_consciousness)
                    (at-least 2 (has-any ?f slurred_speech) (has-any ?f spinning_dizziness) (has-any ?f ringing_ears)
                                (has-any ?f hearing_loss) (has-any ?f double_vision) (has-any ?f unsteady)
                                (has-any ?f reduced_consciousness))))))
(defrule neck_vessel_symptoms (case (dizzy_neck_turn ?a)) => (raise neck_vessel_symptoms consult consult (yes ?a)))
(defrule young_child (case (age ?a)) => (raise young_child consult consult (lt ?a 12)))
(defrule aura_on_combined_pill (case (aura ?a) (age ?b) (combined_pill ?c))
  => (raise aura_on_combined_pill consult consult (t-and (yes ?a) (between ?b 12 55) (yes ?c))))

;;; The triage level (levels.rules): the most urgent flag (an unsure one at its unsure level), then
;;; headache on 15 or more days a month, then the pattern, else self-care.
(defrule triage-emergency (declare (salience -10)) (flag (level emergency)) (not (triage)) => (assert (triage (level emergency))))
(defrule triage-urgent (declare (salience -11)) (flag (level urgent)) (not (triage)) => (assert (triage (level urgent))))
(defrule triage-consult (declare (salience -12)) (flag (level consult)) (not (triage)) => (assert (triage (level consult))))
(defrule triage-headache-days (declare (salience -13)) (case (headache_days ?d)) (test (= 2 (ge ?d 15))) (not (triage))
  => (assert (triage (level consult))))

;;; Patterns (patterns.rules): the first that matches; not assessed after an emergency (the conversation
;;; stops) or with an urgent triage (the assessment stops).
(deffunction migraine-features (?c)
  (at-least 2 (is (fact-slot-value ?c side) one_side) (is (fact-slot-value ?c quality) throbbing)
              (is (fact-slot-value ?c severity) moderate severe) (yes (fact-slot-value ?c activity_worse))))
(deffunction migraine-symptoms (?c)
  (t-or (yes (fact-slot-value ?c nausea)) (yes (fact-slot-value ?c vomiting))
        (t-and (yes (fact-slot-value ?c light_sensitive)) (yes (fact-slot-value ?c noise_sensitive)))))
(deffunction migraine-duration (?c)
  (bind ?d (fact-slot-value ?c duration_hours))
  (t-or (between ?d 4 72) (t-and (lt (fact-slot-value ?c age) 18) (between ?d 2 72))))
(deffunction tension-features (?c)
  (at-least 2 (is (fact-slot-value ?c side) both_sides) (is (fact-slot-value ?c quality) pressing)
              (is (fact-slot-value ?c severity) mild moderate) (t-not (yes (fact-slot-value ?c activity_worse)))))
(deffunction tension-symptoms (?c)
  (t-and (t-not (yes (fact-slot-value ?c nausea))) (t-not (yes (fact-slot-value ?c vomiting)))
         (t-not (t-and (yes (fact-slot-value ?c light_sensitive)) (yes (fact-slot-value ?c noise_sensitive))))))
(deffunction chronic-tension-symptoms (?c)
  (t-and (t-not (yes (fact-slot-value ?c vomiting)))
         (at-most 1 (yes (fact-slot-value ?c light_sensitive)) (yes (fact-slot-value ?c noise_sensitive)) (yes (fact-slot-value ?c nausea)))))
(deffunction tension-duration (?c) (between (fact-slot-value ?c duration_hours) 0.5 168))
(deffunction tension-frequency (?c)
  (bind ?days (fact-slot-value ?c headache_days))
  (t-or (lt ?days 1) (t-and (ge ?days 1) (lt ?days 15) (gt (fact-slot-value ?c months) 3))))
(deffunction chronic-days (?c) (t-and (ge (fact-slot-value ?c headache_days) 15) (gt (fact-slot-value ?c months) 3)))

(deffunction pattern-of (?c)
  (bind ?attacks (fact-slot-value ?c attacks))
  (bind ?aura (yes (fact-slot-value ?c aura)))
  (bind ?typical-aura (t-and ?aura (between (fact-slot-value ?c aura_minutes) 5 60)))
  (if (criteria-met FALSE (ge ?attacks 5)
         (t-and (is (fact-slot-value ?c side) one_side) (is (fact-slot-value ?c severity) severe)
                (between (fact-slot-value ?c duration_hours) 0.25 3))
         (t-or (yes (fact-slot-value ?c red_eye)) (yes (fact-slot-value ?c restless))))
   then (return cluster_like))
  (if (criteria-met FALSE (chronic-days ?c) (ge ?attacks 5)
         (t-or (t-and (migraine-features ?c) (migraine-symptoms ?c)) ?typical-aura))
   then (return chronic_migraine))
  (if (criteria-met FALSE (ge ?attacks 2) ?aura ?typical-aura) then (return migraine_with_aura))
  (bind ?m1 (ge ?attacks 5)) (bind ?m2 (migraine-duration ?c)) (bind ?m3 (migraine-features ?c)) (bind ?m4 (migraine-symptoms ?c))
  (if (criteria-met FALSE ?m1 ?m2 ?m3 ?m4) then (return migraine_without_aura))
  (bind ?t-features (tension-features ?c)) (bind ?t-duration (tension-duration ?c))
  (if (criteria-met FALSE (chronic-days ?c) (ge (fact-slot-value ?c duration_hours) 0.5) ?t-features (chronic-tension-symptoms ?c))
   then (return chronic_tension_type))
  (bind ?days (fact-slot-value ?c headache_days))
  (bind ?t-symptoms (tension-symptoms ?c))
  (if (criteria-met FALSE (t-and (ge ?attacks 10) (ge ?days 1) (lt ?days 15) (gt (fact-slot-value ?c months) 3))
                     ?t-duration ?t-features ?t-symptoms)
   then (return frequent_tension_type))
  (if (criteria-met FALSE (t-and (ge ?attacks 10) (lt ?days 1)) ?t-duration ?t-features ?t-symptoms)
   then (return infrequent_tension_type))
  (if (criteria-met TRUE ?m1 ?m2 ?m3 ?m4) then (return probable_migraine))
  (if (criteria-met TRUE (ge ?attacks 10) (tension-frequency ?c) ?t-duration ?t-features ?t-symptoms)
   then (return probable_tension_type))
  unclassified)

(defrule not-assessed (declare (salience -20)) (triage (level emergency|urgent)) => (assert (pattern (id not_assessed))))
(defrule assess-pattern (declare (salience -20)) ?c <- (case) (not (triage (level emergency|urgent)))
  => (assert (pattern (id (pattern-of ?c)))))

(defrule triage-from-pattern (declare (salience -30))
  (pattern (id chronic_migraine|chronic_tension_type|cluster_like|unclassified)) (not (triage))
  => (assert (triage (level consult))))
(defrule triage-self-care (declare (salience -31)) (pattern) (not (triage)) => (assert (triage (level self_care))))

;;; Contributors (therapy.rules), unless the conversation or the assessment stopped.
(defrule contributors (declare (salience -40)) (triage (level ~emergency&~urgent))
  (case (neck_tension ?n) (jaw_clenching ?j) (screen_hours ?s) (stress ?st) (sleep_hours ?sl) (water_glasses ?w))
  =>
  (if (= (yes ?n) 2) then (assert (contributor (id neck_muscle_tension))))
  (if (= (yes ?j) 2) then (assert (contributor (id jaw_tmd))))
  (if (= (ge ?s 6) 2) then (assert (contributor (id posture))))
  (if (= (yes ?st) 2) then (assert (contributor (id stress))))
  (if (= (lt ?sl 6) 2) then (assert (contributor (id poor_sleep))))
  (if (= (lt ?w 6) 2) then (assert (contributor (id dehydration)))))

;;; NMT status (therapy.rules), the first that applies.
;; yes, or "not sure" (or never answered): a precaution in doubt is checked first
(deffunction yes-or-unsure (?v) (if (eq ?v no) then 0 else 2))
(defrule nmt-not-advised (declare (salience -50)) (not (nmt))
  (case (fever ?f) (head_injury ?h) (skin_problem ?s) (new_neck_pain ?n) (dizzy_neck_turn ?d)) (triage (level ?level))
  (test (or (member$ ?level (create$ emergency urgent)) (= 2 (t-or (yes ?f) (yes ?h) (yes ?s) (yes ?n) (yes ?d)))))
  => (assert (nmt (status not_advised))))
(defrule nmt-with-clearance (declare (salience -51)) (not (nmt)) ?c <- (case) (triage (level ?level))
  (test (or (eq ?level consult)
            (= 2 (t-or (yes-or-unsure (fact-slot-value ?c blood_thinners)) (yes-or-unsure (fact-slot-value ?c osteoporosis))
                       (yes-or-unsure (fact-slot-value ?c cancer))
                       (t-and (t-or (is-unsure (fact-slot-value ?c age)) (between (fact-slot-value ?c age) 12 55))
                              (yes-or-unsure (fact-slot-value ?c pregnant)))
                       (yes-or-unsure (fact-slot-value ?c high_blood_pressure)) (yes-or-unsure (fact-slot-value ?c neck_precautions))
                       (is-unsure (fact-slot-value ?c fever)) (is-unsure (fact-slot-value ?c head_injury))
                       (is-unsure (fact-slot-value ?c skin_problem)) (is-unsure (fact-slot-value ?c new_neck_pain))
                       (is-unsure (fact-slot-value ?c dizzy_neck_turn))))))
  => (assert (nmt (status with_clearance))))
;; tension-type patterns; or neck, jaw or posture contributors without a migraine pattern
(defrule nmt-recommended (declare (salience -52)) (not (nmt)) (pattern (id ?p))
  (test (or (member$ ?p (create$ infrequent_tension_type frequent_tension_type chronic_tension_type probable_tension_type))
            (and (any-factp ((?x contributor)) (member$ ?x:id (create$ neck_muscle_tension jaw_tmd posture)))
                 (not (member$ ?p (create$ migraine_without_aura migraine_with_aura chronic_migraine probable_migraine))))))
  => (assert (nmt (status recommended))))
(defrule nmt-may-help (declare (salience -53)) (not (nmt)) (pattern) => (assert (nmt (status may_help))))

;;; Focus areas, unless therapy is not advised (sternocleidomastoid only under 65).
(defrule focus (declare (salience -60)) (nmt (status ~not_advised)) (case (neck_tension ?n) (jaw_clenching ?j) (age ?age))
  =>
  (bind ?posture (any-factp ((?p contributor)) (eq ?p:id posture)))
  (if (or (= (yes ?n) 2) ?posture) then (assert (focus (id suboccipitals))))
  (if (= (yes ?n) 2) then (assert (focus (id upper_trapezius))))
  (if (= (yes ?j) 2) then (assert (focus (id masseter))) (assert (focus (id temporalis))))
  (if (and ?posture (= (lt ?age 65) 2)) then (assert (focus (id sternocleidomastoid)))))

;;; Self-care advice: none with an emergency or urgent triage. No neck stretches after an injury
;;; or with signs of a neck-artery problem, including a "not sure" on those.
(defrule advice (declare (salience -60)) (triage (level ~emergency&~urgent))
  (case (neck_tension ?n) (jaw_clenching ?j) (head_injury ?h) (new_neck_pain ?np) (dizzy_neck_turn ?d))
  (pattern (id ?pattern))
  =>
  (assert (advice (id headache_diary)))
  (if (any-factp ((?x contributor)) (eq ?x:id dehydration)) then (assert (advice (id hydration))))
  (if (any-factp ((?x contributor)) (eq ?x:id poor_sleep)) then (assert (advice (id sleep_routine))))
  (if (any-factp ((?x contributor)) (eq ?x:id stress)) then (assert (advice (id relaxation_breathing))))
  (bind ?posture (any-factp ((?x contributor)) (eq ?x:id posture)))
  (if (and (or (= (yes ?n) 2) ?posture) (= 0 (t-or (yes ?h) (yes ?np) (yes ?d))))
   then (assert (advice (id neck_shoulder_stretches))))
  (if ?posture then (assert (advice (id screen_breaks))))
  (if (= (yes ?j) 2) then (assert (advice (id jaw_relaxation))))
  (if (any-factp ((?x flag)) (and (eq ?x:id medication_overuse) (eq ?x:sure confirmed))) then (assert (advice (id limit_painkillers))))
  (if (member$ ?pattern (create$ migraine_without_aura migraine_with_aura chronic_migraine probable_migraine))
   then (assert (advice (id dark_quiet_room)))))

;;; The result line. After an emergency stop the other questions were never asked: their flags
;;; are not listed as unsure; after an urgent triage, only flags that rest on a "not sure" are.
(defrule report (declare (salience -100)) (case (file ?file)) (triage (level ?t)) (pattern (id ?p)) (nmt (status ?n))
  =>
  (printout t ?file " " ?t " " ?p " " ?n)
  (do-for-all-facts ((?f flag)) (eq ?f:sure confirmed) (printout t " " ?f:id))
  (printout t " |")
  (if (eq ?t urgent)
   then (do-for-all-facts ((?f flag)) (and (eq ?f:sure unsure) (not ?f:open)) (printout t " " ?f:id))
   else (if (neq ?t emergency) then (do-for-all-facts ((?f flag)) (eq ?f:sure unsure) (printout t " " ?f:id))))
  (printout t " |")
  (do-for-all-facts ((?f focus)) TRUE (printout t " " ?f:id))
  (printout t " |")
  (do-for-all-facts ((?f advice)) TRUE (printout t " " ?f:id))
  (printout t crlf))
