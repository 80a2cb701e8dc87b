"""Mitochondria and redox: OXPHOS, dual ROS, antioxidants, Ca²⁺, iron/ferroptosis, network health, mtDNA.

Seed basis: seed 004 §2–§4 (OXPHOS supports BMSC osteogenesis; ROS are a
signal at low and a poison at high levels; the Ca²⁺–ROS vicious cycle; iron
overload lowers GPX4/GSH and drives Fe²⁺ lipid peroxidation and ferroptosis;
mitophagy/fusion keep the network healthy and decline with age; damaged
mitochondria leak more ROS per unit OXPHOS (the injury–ROS vicious cycle); damaged
mitochondria release mtDNA that activates cGAS-STING/NLRP3 → IL-1β).
"""

from __future__ import annotations

from ..blocks import act, inh, window
from ..declare import load_records
from ..records import Assignment, ModuleDeclaration, Process

NAME = "mitochondria"


def declare(S) -> ModuleDeclaration:
    species, params = load_records(NAME)
    m = ModuleDeclaration(NAME, __doc__.splitlines()[0], species, params)
    a, p = m.assignments.append, m.processes.append
    a(Assignment("ferroptosis", act(S.lipid_peroxidation, S.K_ferro, 2), "dimensionless",
                 "Ferroptotic death propensity (fraction of maximal) from lipid peroxidation", NAME, entity="ferroptosis",
                 implements=("I305", "I310")))
    a(Assignment("oxidative_damage", act(S.ros, S.K_ros_hi, 2), "dimensionless",
                 "High-ROS oxidative damage driving apoptosis (fraction of maximal)", NAME, entity="oxidative_stress",
                 implements=("I270", "I273", "I275")))
    a(Assignment("redox_signal", act(S.ros, S.K_ros_lo, 2), "dimensionless",
                 "Low-level ROS signalling needed for osteogenesis (fraction of maximal); with oxidative_damage this makes "
                 "the ROS effect dual and dose-dependent", NAME, entity="ros", implements=("I270", "I291")))
    # Osteogenic differentiation drive per BMSC: the RUNX2 fate term of stromal's bmsc_to_osteoblast (RUNX2 drive
    # after PPARγ/SOX9 reciprocity; the differentiation flux per BMSC before the OXPHOS/ROS energy factor, which would
    # close a loop), relative to the healthy basal one. Unlike the commitment share it does not saturate when an
    # osteogenic induction (BMP-2) strengthens an already osteogenic fate. (Written out here because the stromal
    # assignments are declared after this module.)
    osteo_diff = S.osteo_drive / (1 + (S.adipo_drive + S.chondro_drive) / S.r_recip) / S.osteo_diff_drive_basal
    p(Process("oxphos_relaxation",
              S.k_oxphos * (S.mito_health * S.etc_capacity * act(S.oxygen, S.K_o2_oxphos) / act(1, S.K_o2_oxphos)
                            * (1 + S.e_osteo_oxphos * osteo_diff) - S.oxphos),
              {"oxphos": 1}, "OXPHOS capacity follows mitochondrial health, respiratory-chain/NAD⁺ capacity and oxygen; "
              "osteogenic differentiation (the differentiation drive relative to the healthy basal one) raises it",
              ("I255", "I259", "I260", "I265", "I462"), NAME, "1/day"))
    a(Assignment("ros_leak", (1 + S.e_ros_leak * (1 - S.mito_health)) / (1 + S.e_ros_leak * (1 - S.mito_health_basal))
                 * ((1 + S.K_etc_leak) / (S.etc_capacity + S.K_etc_leak)) ** S.e_etc_leak,
                 "dimensionless",
                 "Electron leak (ROS per unit OXPHOS) of the respiratory chain relative to the healthy network: damaged "
                 "mitochondria leak more (the 'mitochondrial injury–increased ROS' cycle), healthy/fused or transferred "
                 "mitochondria less; an inhibited respiratory chain (etc_capacity < 1: antimycin A, NAD⁺ depletion, Mtu1 "
                 "loss) leaks more per unit flux, NAD⁺ supplementation less; 1 at the healthy basal mitochondrial health "
                 "and etc_capacity 1", NAME, entity="ros",
                 implements=("I297", "I298", "I382")))
    p(Process("ros_production",
              S.p_ros_mito * S.oxphos * S.ros_leak + S.p_ros_nox * act(S.tnf_alpha, S.K_inflam_ros)
              + S.p_ros_bmp_nox * act(S.bmp2, S.K_bmp_nox) + S.p_ros_fe * S.fe2
              + S.p_ros_ca * S.mito_calcium + S.p_ros_glc * S.diabetes + S.p_ros_wear * act(S.wear_particles, 1) + S.h2o2_exposure,
              {"ros": 1}, "ROS from the respiratory chain, NADPH oxidase (TNF-α; BMP-2 signalling in osteogenic cells, NOX4), "
              "Fenton iron, Ca²⁺ overload, hyperglycaemia, particles, exogenous H₂O₂",
              ("I269", "I280", "I281", "I291", "I292", "I309", "I297", "I311"), NAME, "1/day"))
    p(Process("ros_scavenging", (S.k_scav * S.gsh * (1 + S.antioxidant) + S.d_ros) * S.ros, {"ros": -1},
              "Scavenging by GSH/GPX4/SOD (boosted by antioxidants such as melatonin)", ("I271", "I307", "I470", "I471"), NAME, "1/day"))
    p(Process("antioxidant_synthesis", S.p_gsh * (1 + S.e_gsh_oxphos * S.oxphos + S.e_gsh_nrf2 * act(S.ros, 1)), {"gsh": 1},
              "Antioxidant defence induced by OXPHOS (SOD) and adaptively by ROS (NRF2)", ("I266", "I288"), NAME, "1/day"))
    p(Process("antioxidant_loss", (S.d_gsh + S.k_gsh_fe * S.fe2) * S.gsh, {"gsh": -1},
              "Turnover of antioxidant defence; depletion by excess iron", ("I308",), NAME, "1/day"))
    p(Process("mito_calcium_uptake",
              S.k_mcu * S.mcu_activity * (1 + S.e_ca_ros * S.ros + S.e_ca_inflam * act(S.tnf_alpha, S.K_inflam_ros)),
              {"mito_calcium": 1}, "MCU-mediated Ca²⁺ uptake, stimulated by ROS and inflammation", ("I295", "I396"), NAME, "1/day"))
    p(Process("mito_calcium_efflux", S.d_mito_ca * S.mito_calcium, {"mito_calcium": -1}, "Ca²⁺ efflux", (), NAME, "1/day"))
    p(Process("iron_supply", S.p_fe * S.iron_load * (1 + S.e_fe_age * S.aging), {"fe2": 1},
              "Labile iron from the systemic iron load; accumulates with age", ("I305", "I311"), NAME, "1/day"))
    p(Process("iron_sequestration", S.d_fe * S.fe2, {"fe2": -1}, "Sequestration of labile iron (ferritin)", (), NAME, "1/day"))
    p(Process("lipid_peroxidation_formation", S.k_lp * S.fe2 * S.ros, {"lipid_peroxidation": 1},
              "Fe²⁺/ROS-driven lipid peroxidation", ("I309",), NAME, "1/day"))
    p(Process("lipid_peroxide_reduction", S.k_gpx * S.gsh * S.lipid_peroxidation, {"lipid_peroxidation": -1},
              "GPX4/GSH reduce lipid peroxides", ("I307",), NAME, "1/day"))
    p(Process("mito_repair",
              (S.k_mito_repair * (1 - S.e_repair_age * S.aging) + S.mito_transplant) * (1 - S.mito_health),
              {"mito_health": 1}, "Mitophagy, fusion and biogenesis restore the network (decline with age); "
              "transplanted mitochondria add healthy capacity", ("I365", "I369", "I410", "I263", "I264"), NAME, "1/day"))
    p(Process("mito_damage",
              (S.k_mito_dmg + S.e_mito_dmg * act(S.ros * S.mito_calcium, S.K_ros_dmg, 2) + S.e_mito_dmg * S.ferroptosis) * S.mito_health,
              {"mito_health": -1}, "ROS, Ca²⁺ overload and lipid peroxidation damage mitochondria",
              ("I298", "I296", "I310"), NAME, "1/day"))
    p(Process("mtdna_release", S.p_mtdna * (1 - S.mito_health) + S.p_mtdna_necrosis * S.debris, {"mtdna": 1},
              "Damaged mitochondria and necrotic cells release mtDNA", ("I324",), NAME, "1/day"))
    p(Process("mtdna_clearance", S.d_mtdna * S.mtdna, {"mtdna": -1}, "Clearance of mtDNA", (), NAME, "1/day"))
    return m
