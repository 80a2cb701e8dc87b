"""Seed claims A: bone homeostasis and osteoimmune coupling (claims in osteoimmune.claims.homeostasis; one test per claim, generated from the registry)."""


def test_C001_balanced_remodelling(check):
    """Steady-state remodelling is balanced

    [A] A. Bone homeostasis and osteoimmune coupling. Evidence: `000_7210cba9d2ad9115.txt` § Abstract — «Bone is an
    active tissue, being constantly renewed in healthy individuals with participation of the immune system to a
    large extent.» `001_90761914cb2e0fac.txt` § Abstract — «the precise regulation between bone formation mediated
    by osteoblasts and bone resorption mediated by osteoclasts» `002_d4dc4f77775320be.txt` § Introduction —
    «osteoblasts differentiated from BMSCs and osteoclasts differentiated from mononuclear-Mφs keep the formation
    and absorption balance in bones»
    """
    check("C001")


def test_C002_imbalance_causes_loss(check):
    """An imbalance between formation and resorption causes bone loss or inflammatory bone disease

    [A] A. Bone homeostasis and osteoimmune coupling. Evidence: `000_7210cba9d2ad9115.txt` § Abstract — «Any
    imbalance between the processes of bone formation and bone resorption is linked to various inflammatory bone
    diseases.» `004_8a55de2aef7e7eaa.txt` § 1 Introduction — «this balance can be influenced by various factors,
    including severe trauma, infection, bone tumour removal surgery, congenital bone malformations and osteoporosis»
    """
    check("C002")


def test_C003_bone_to_immune_feedback(check):
    """Coupling runs both ways: bone cells also act on immune cells

    [A] A. Bone homeostasis and osteoimmune coupling. Evidence: `000_7210cba9d2ad9115.txt` § Abstract — «bone cells,
    including osteoblasts, osteoclasts, osteocytes, also influence the cellular functions of immune cells»
    """
    check("C003")


def test_C004_immune_sets_speed_and_outcome(check):
    """The immune microenvironment sets both the speed and the outcome of healing

    [A] A. Bone homeostasis and osteoimmune coupling. Evidence: `000_7210cba9d2ad9115.txt` § Abstract — «the immune
    microenvironment is crucial in determining the speed and outcome of bone healing, repair, and regeneration»
    """
    check("C004")


def test_C005_cytokine_families_act_on_both_arms(check):
    """Interleukins, TNFs and IFNs act on both arms of remodelling

    [A] A. Bone homeostasis and osteoimmune coupling. Evidence: `001_90761914cb2e0fac.txt` § Abstract — «directly or
    indirectly regulate bone remodeling by affecting osteoblast differentiation, osteoclastogenesis, and osteoclast
    activity»
    """
    check("C005")
