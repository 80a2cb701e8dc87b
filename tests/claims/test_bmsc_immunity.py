"""Seed claims, section G: BMSCs acting on macrophages and immunity (one test per claim; see osteoimmune.claims.bmsc_immunity)."""


def test_C049_bmscs_polarise_to_m2(check):
    """BMSCs polarise macrophages to M2 (IL-10 up, TNF-α, HLA-II and IL-12 down, Arg-1 up).

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs —
    «BMSCs secrete various cytokines in the microenvironment to stimulate Mφs to polarize into M2Mφs with
    upregulating IL-10 and downregulating TNF-α/HLA-II/IL-12» `002_d4dc4f77775320be.txt` § The regulatory effect
    of BMSCs on the immune response mediated by Mφs — «Mφs adjacent to BMSCs showed an increasing expression of
    Arg-1 which is a special marker for M2Mφs»
    """
    check("C049")


def test_C051_il4_biphasic(check):
    """IL-4 helps at moderate levels but harms osteogenesis in excess, and BMSC IL-4 feeds back on itself.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs —
    «BMSCs secrete IL-4 to promote bone regeneration by enhancing vascularization and decreasing the activation
    of osteoclasts» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated
    by Mφs — «IL-4 is sensitive to NF-kB signaling pathway and has the ability to further promote BMSCs to
    secrete more IL-4, which forms a benign cycle» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs
    on the immune response mediated by Mφs — «excessive secretion of IL-4 could reduce the osteogenic
    differentiation of BMSCs»
    """
    check("C051")


def test_C052_il1ra_blocks_il1r(check):
    """BMSC-derived IL-1ra competitively blocks IL-1R, lowering macrophage polarisation and dendritic-cell
    differentiation.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs —
    «IL-1ra secreted by BMSCs is a natural inhibitor of IL-1, which blocks the connection between IL-1α and
    IL-1β or IL-1R through competitive binding»
    """
    check("C052")


def test_C053_bmscs_immunosuppressive(check):
    """BMSCs are immunosuppressive: TGF-β and PGE2, less lymphocyte proliferation, more Tregs and DCs, low HLA.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs —
    «BMSCs are able to secrete anti-inflammatory factors (TGF-β and PGE2) to maintain bone immune homeostasis»
    `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs — «BMSCs
    are able to inhibit the proliferation of lymphocytes and induce the differentiation of regulatory T cells
    and dendritic cells» `002_d4dc4f77775320be.txt` § The fate and biological characteristics of BMSCs — «With
    low expression of HLA class I and II antigens, it is difficult for BMSCs to be captured by the host immune
    system»
    """
    check("C053")


def test_C054_bmsc_exosomes_m2(check):
    """BMSC and MSC exosomes induce M2, and in OA this protects cartilage.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs —
    «The miRNA223 in BMSCs’ exosomes can stimulate pknox1 gene to induce Mφs to polarize into M2Mφs and
    accelerate wound healing» `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response
    mediated by Mφs — «In the osteoarthritis animal models, BMSCs promoted the transformation of M1Mφs to M2Mφs,
    which inhibited cartilage degradation and enhanced cartilage synthesis»
    """
    check("C054")


def test_C056_bmsc_type_i_ii(check):
    """BMSCs may exist as a pro-inflammatory type I and an anti-inflammatory type II under TLR control.

    Seed: `002_d4dc4f77775320be.txt` § The regulatory effect of BMSCs on the immune response mediated by Mφs —
    «BMSCs can be classified into BMSCs I phenotype (pro-inflammatory type) and BMSCs II phenotype (anti-
    inflammatory type) under the regulation of Toll-like receptor» `002_d4dc4f77775320be.txt` § The regulatory
    effect of BMSCs on the immune response mediated by Mφs — «the academic community has not reached a consensus
    on this classification»
    """
    check("C056")
