"""Seed claims, section K: mitochondria, ROS, iron and the neuro-vascular-muscle axis (one test per claim; see osteoimmune.claims.mitochondria)."""


def test_C079_critical_size(check):
    """Defects above the critical size do not heal without intervention.

    Seed: `004_8a55de2aef7e7eaa.txt` § 1 Introduction — «defined as the smallest bone defect that cannot be
    spontaneously healed by the body’s endogenous repair mechanisms without external intervention»
    `004_8a55de2aef7e7eaa.txt` § 1 Introduction — «In such instances, exogenous reconstructive measures such as
    autogenous bone grafting or biomaterial implantation become essential»
    """
    check("C079")


def test_C080_osteogenesis_needs_oxphos(check):
    """BMSC osteogenesis depends on OXPHOS.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative phosphorylation — «This disparity renders Bone Marrow
    mesenchymal Stem Cells (BMSCs) more reliant on oxidative phosphorylation to meet their energy demands during
    the osteogenic differentiation stage» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative phosphorylation —
    «treatment with the NAD^+^ inhibitor FK866 significantly downregulated the expression of osteogenesis-
    related genes, ultimately reducing new bone formation at bone defect sites» `004_8a55de2aef7e7eaa.txt` § 2.1
    Oxidative phosphorylation — «This mitochondrial dysfunction inhibits the osteogenic differentiation
    potential of BMSCs, ultimately resulting in an osteoporotic phenotype in mice» `004_8a55de2aef7e7eaa.txt` §
    2.1 Oxidative phosphorylation — «inhibiting OXPHOS activity via chemical inhibitors (such as antimycin A) or
    inducing oxidative stress with exogenous hydrogen peroxide impedes osteogenic differentiation in BMSCs»
    """
    check("C080")


def test_C082_ros_dual(check):
    """ROS act in two ways: low levels signal for bone and survival, high levels cause apoptosis.

    Seed: `004_8a55de2aef7e7eaa.txt` § Figure 3 caption (ROS dual role) — «At low levels, ROS act as signaling
    molecules that activate the p38-MK2-Hsp60 axis, promoting NF-κB mediated pro-survival gene expression»
    `004_8a55de2aef7e7eaa.txt` § Figure 3 caption (ROS dual role) — «elevated ROS trigger apoptosis through BAX
    oligomerization, cytochrome c release, and apoptosome formation» `004_8a55de2aef7e7eaa.txt` § 2.2 The
    generation and clearance of ROS — «low-concentration ROS induced by extracellular phosphate (Pi) and
    H_2_O_2_ activate the ERK1/2 pathway»
    """
    check("C082")


def test_C084_osteogenesis_raises_ros_and_sod(check):
    """Osteogenesis itself raises ROS, and OXPHOS raises antioxidant defence.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.3 Regulation of Ca2+ concentration — «Osteogenic induction regulates
    ROS production via two pathways: firstly, by enhancing mitochondrial activity to promote ROS generation from
    the respiratory chain» `004_8a55de2aef7e7eaa.txt` § 2.1 Oxidative phosphorylation — «enhanced OXPHOS
    activity synchronously elevates the expression levels of antioxidant enzymes (such as SOD) within BMSCs»
    """
    check("C084")


def test_C085_calcium_ros_vicious_cycle(check):
    """Excess mitochondrial Ca2+ uptake sets off a vicious ROS cycle.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.3 Regulation of Ca2+ concentration — «excessive Ca^2+^ accumulation
    disrupts the mitochondrial membrane potential, inhibiting oxidative phosphorylation and reducing ATP
    synthesis» `004_8a55de2aef7e7eaa.txt` § 2.3 Regulation of Ca2+ concentration — «Excessive ROS not only
    damages mitochondrial structure (establishing a vicious cycle of “mitochondrial injury–increased ROS”)»
    """
    check("C085")


def test_C087_iron_ferroptosis(check):
    """Iron overload causes ferroptosis through loss of GPX4 and GSH and Fe2+-driven lipid peroxidation.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «during iron overload, GPX4 activity markedly diminishes
    and GSH becomes depleted» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «Intracellular Fe^2+^ then catalyse
    lipid peroxidation via the Fenton reaction, generating substantial ROS»
    """
    check("C087")


def test_C088_iron_bmsc_proliferate_not_differentiate(check):
    """Iron overload makes BMSCs proliferate more but blocks their osteogenesis.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «iron overload promotes proliferation of BMSCs and
    accelerates their entry into the S phase of the cell cycle» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death —
    «it simultaneously suppresses their differentiation into osteoblasts and extracellular matrix calcification,
    directly impairing osteogenic capacity»
    """
    check("C088")


def test_C089_iron_bone_loss(check):
    """Iron overload kills osteoblasts and osteocytes, raises RANKL and activates osteoclasts, giving net bone
    loss.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «iron overload induces osteoblast apoptosis by elevating
    ROS levels, disrupting calcium homeostasis» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «Fe^2+^ within
    osteoclasts generates substantial ROS via the Fenton reaction, activating the MAPK signalling pathway and
    directly promoting bone resorption» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «iron overload promotes
    osteocyte apoptosis via oxidative stress and upregulates receptor activator of nuclear factor κB ligand
    (RANKL) expression» `004_8a55de2aef7e7eaa.txt` § 2.4 Cell death — «REPIN1 gene knockout mitigates iron
    overload toxicity in osteoblasts by downregulating LCN2 expression»
    """
    check("C089")


def test_C090_mtdna_damps_inflame(check):
    """Damaged mitochondria release DAMPs that start inflammation, including NLRP3–caspase-1 pyroptosis and
    IL-1β/IL-18.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.5 Immune response — «These act as DAMPs to activate several innate
    immune pathways, including the MAVS, cGAS-STING, and NLRP inflammasome pathways» `004_8a55de2aef7e7eaa.txt`
    § Figure 4 caption (mitochondrial stress and immune signalling) — «Active caspase-1 cleaves GSDMD to trigger
    pyroptosis and processes IL-1β/IL-18 for secretion, amplifying immune responses»
    """
    check("C090")


def test_C092_hypoxia_evs(check):
    """Hypoxia raises BMSC extracellular-vesicle (EV) secretion through HIF-1α, and the EVs' miR-126 boosts bone
    formation and vascularisation.

    Seed: `004_8a55de2aef7e7eaa.txt` § 2.5 Immune response — «HIF-1α mediated EVs secretion is increased, which
    significantly enhances the bone-forming and vascularisation abilities of EVs derived miR-126»
    """
    check("C092")


def test_C093_fusion_and_mfn2(check):
    """Mitochondrial fusion supports osteogenesis, and MFN2 is needed for osteoclasts.

    Seed: `004_8a55de2aef7e7eaa.txt` § 3.1 Mitochondrial fusion — «enhanced MFN1/2 activity promoted
    mitochondrial fusion, providing an energy foundation for osteogenic differentiation»
    `004_8a55de2aef7e7eaa.txt` § 3.1 Mitochondrial fusion — «miR-181c enhances mitochondrial fusion by
    regulating the AMPK-MFN1 signalling pathway, effectively mitigating oxidative stress-induced damage to
    BMSCs» `004_8a55de2aef7e7eaa.txt` § 3.1 Mitochondrial fusion — «MFN2 deficiency inhibits the in vitro
    differentiation capacity of osteoclast precursors and reduces their sensitivity to RANKL-induced bone
    resorption»
    """
    check("C093")


def test_C096_mitochondrial_transfer(check):
    """Mitochondria move between cells in a network that helps repair.

    Seed: `004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — «conditional knockout of the Rhot1 gene
    encoding MIRO1 in osteoblasts revealed significant reductions in mitochondrial number, translocation rate»
    `004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — «This manifested as enhanced OXPHOS activity,
    reduced ROS production, and improved angiogenic capacity, ultimately promoting healing of cortical bone
    defects» `004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport — «mitochondria derived from BMSCs can be
    transferred to functionally impaired osteoblasts via exosomes, restoring their oxidative phosphorylation
    activity and mineralization capacity» `004_8a55de2aef7e7eaa.txt` § 3.4 Mitochondrial transport —
    «mitochondria released by osteoblasts can be internalized by osteoclasts, and inhibit excessive bone
    resorption through modulating the intracellular ROS levels»
    """
    check("C096")


def test_C098_nerves_first(check):
    """Repair depends on nerves: nerve regeneration comes first, and sensory-nerve EP4 and NGF–p75 are needed.

    Seed: `004_8a55de2aef7e7eaa.txt` § 4.1 Neurons — «During the early stages of bone defect repair, nerve
    regeneration frequently initiates prior to bone regeneration, rendering the bone repair process markedly
    neuro-dependent» `004_8a55de2aef7e7eaa.txt` § 4.1 Neurons — «knocking out the prostaglandin E2 receptor 4
    (EP4) gene in sensory nerves resulted in significantly reduced bone mass and markedly diminished osteoblast
    numbers» `004_8a55de2aef7e7eaa.txt` § 4.1 Neurons — «Deficiency in NGF-p75 signalling leads to impaired
    sensory innervation of bone tissue, delayed local vascularisation, reduced numbers of bone progenitor cells,
    and skeletal developmental disorders»
    """
    check("C098")


def test_C099_muscle_injury(check):
    """Muscle takes part: muscle injury impairs repair even with BMP-2, and myokines act in both directions.

    Seed: `004_8a55de2aef7e7eaa.txt` § 4.3 Muscle — «in cases of fractures accompanied by extensive muscle
    injury, bone defect repair remains suboptimal even with intervention by osteogenic regulators such as BMP-2»
    `004_8a55de2aef7e7eaa.txt` § Table 2 (myokines) — «Acute: Mild anabolic effects via MAPK/ERK. Chronic:
    Sustained signaling via JAK/STAT3 and NF-κB stimulates RANKL production, promoting osteoclastogenesis»
    `004_8a55de2aef7e7eaa.txt` § Table 2 (myokines) — «promoting osteogenic differentiation. Concurrently
    inhibits osteoclastogenesis» `004_8a55de2aef7e7eaa.txt` § 4.3 Muscle — «Once mitochondrial function is
    impaired, it leads to a reduction in muscle ATP production, a decrease in myokines levels, and a decline in
    osteogenic markers»
    """
    check("C099")
