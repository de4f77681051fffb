/*
 * menus_ipsec.c - the /ip ipsec menus: profile, proposal, peer, identity,
 * policy, policy group, mode-config, installed-sa, active-peers,
 * statistics and settings.
 *
 * Properties are listed in the order RouterOS prints them in detail
 * output; names and value sets follow the 7.21.5 command tree, defaults
 * and meanings menus.md sections 15-24 and A-C.  Enumerations keep the
 * order RouterOS uses in its own help text (strongest first), which is
 * also the order the factory defaults are written in.
 */
#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* /ip ipsec profile (phase 1)                                         */
/* ------------------------------------------------------------------ */

static const char *const prof_hash[] = {
	"md5", "sha1", "sha256", "sha384", "sha512", NULL
};
static const char *const prof_prf[] = {
	"auto", "sha1", "sha256", "sha384", "sha512", NULL
};
static const char *const prof_enc[] = {
	"aes-256", "aes-192", "aes-128", "3des", "des", NULL
};
static const char *const prof_dh[] = {
	"x25519", "ecp256", "ecp384", "ecp521", "modp8192", "modp6144",
	"modp4096", "modp3072", "modp2048", "modp1536", "modp1024", "modp768",
	NULL
};
static const char *const prof_check[] = {
	"obey", "claim", "strict", "exact", NULL
};
static const char *const prof_ppk[] = {
	"no", "psk", "psk-ike-initial", "qkd", NULL
};
static const char *const prof_dpd_words[] = { "disable-dpd", NULL };

static const struct sch_prop ike_prof_props[] = {
	SCH_P_NAME("Name of the phase 1 parameter set"),
	{ .name = "hash-algorithm", .type = ST_ENUM, .values = prof_hash,
	  .dflt = "sha1", .help = "Phase 1 integrity and PRF hash" },
	{ .name = "prf-algorithm", .type = ST_ENUM, .values = prof_prf,
	  .dflt = "auto", .help = "IKEv2 only" },
	{ .name = "enc-algorithm", .type = ST_ENUM_LIST, .values = prof_enc,
	  .dflt = "aes-128,3des", .help = "Phase 1 ciphers offered and "
	  "accepted" },
	{ .name = "dh-group", .type = ST_ENUM_LIST, .values = prof_dh,
	  .dflt = "modp2048,modp1024", .help = "Phase 1 Diffie-Hellman "
	  "groups" },
	{ .name = "lifetime", .type = ST_TIME, .dflt = "1d",
	  .help = "IKEv1 only" },
	{ .name = "lifebytes", .type = ST_INT, .dflt = "0", .min = 0,
	  .max = 4294967295LL, .help = "IKEv1 only" },
	{ .name = "proposal-check", .type = ST_ENUM, .values = prof_check,
	  .dflt = "obey", .help = "Lifetime check logic (IKEv1 only)" },
	{ .name = "nat-traversal", .type = ST_BOOL, .dflt = "yes",
	  .help = "IKEv1 only" },
	{ .name = "dpd-interval", .type = ST_TIME, .words = prof_dpd_words,
	  .dflt = "2m", .min = 0, .max = 3600,
	  .help = "Dead peer detection interval" },
	{ .name = "dpd-maximum-failures", .type = ST_INT, .dflt = "5",
	  .min = 1, .max = 100, .help = "IKEv1 only" },
	{ .name = "ppk", .type = ST_ENUM, .values = prof_ppk, .dflt = "no",
	  .help = "post-quantum preshared key (IKEv2 only)" },
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const struct sch_flag default_only_flags[] = {
	SCH_F_DEFAULT(0), { 0 }
};

static const char *const ike_prof_columns[] = {
	SCH_NAME, "hash-algorithm", "enc-algorithm", "dh-group", NULL
};

static const char *const ike_prof_default[] = {
	SCH_NAME, "default", SCH_DEFAULT, "yes", NULL
};
static const struct sch_item ike_prof_items[] = {
	{ 0, ike_prof_default, 0 }, { 0, NULL, 0 }
};

/* The only /ip ipsec menu without comment in the tree. */
static const char *const ike_prof_cmds[] = {
	"add", "edit", "export", "find", "get", "print", "remove", "reset",
	"set", NULL
};

const struct sch_menu sch_m_ip_ipsec_profile = {
	.path = "/ip/ipsec/profile",
	.table = "ip_ipsec_profile",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = ike_prof_props,
	.flagdefs = default_only_flags,
	.columns = ike_prof_columns,
	.items = ike_prof_items,
	.name_prop = SCH_NAME,
	.commands = ike_prof_cmds,
	.help = "IKE phase 1 parameter sets",
	.export_rank = 70,
	.export_default_sel = "[ find default=yes ]",
};

/* ------------------------------------------------------------------ */
/* /ip ipsec proposal (phase 2)                                        */
/* ------------------------------------------------------------------ */

static const char *const prop_auth[] = {
	"sha512", "sha256", "sha1", "md5", "null", NULL
};
static const char *const prop_enc[] = {
	"chacha20poly1305", "aes-256-cbc", "aes-256-ctr", "aes-256-gcm",
	"camellia-256", "aes-192-cbc", "aes-192-ctr", "aes-192-gcm",
	"camellia-192", "aes-128-cbc", "aes-128-ctr", "aes-128-gcm",
	"camellia-128", "3des", "blowfish", "twofish", "des", "null", NULL
};
static const char *const prop_pfs[] = {
	"none", "ecp256", "ecp384", "ecp521", "modp768", "modp1024",
	"modp1536", "modp2048", "modp3072", "modp4096", "modp6144",
	"modp8192", NULL
};

static const struct sch_prop proposal_props[] = {
	SCH_P_NAME("Name of proposal for referencing it from policy"),
	{ .name = "auth-algorithms", .type = ST_ENUM_LIST, .values = prop_auth,
	  .dflt = "sha1", .help = "Allowed algorithms for authorization" },
	{ .name = "enc-algorithms", .type = ST_ENUM_LIST, .values = prop_enc,
	  .dflt = "aes-256-cbc,aes-192-cbc,aes-128-cbc",
	  .help = "Allowed algorithms and key lengths to use for SAs" },
	{ .name = "lifetime", .type = ST_TIME, .dflt = "30m",
	  .help = "How long to use SA before throwing it out" },
	{ .name = "pfs-group", .type = ST_ENUM, .values = prop_pfs,
	  .dflt = "modp1024",
	  .help = "Diffie-Helman group used for Perfect Forward Secrecy" },
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const struct sch_flag proposal_flags[] = {
	SCH_F_DISABLED(0), SCH_F_DEFAULT(1), { 0 }
};

static const char *const proposal_columns[] = {
	SCH_NAME, "auth-algorithms", "enc-algorithms", "lifetime",
	"pfs-group", NULL
};

static const char *const proposal_default[] = {
	SCH_NAME, "default", SCH_DEFAULT, "yes", NULL
};
static const struct sch_item proposal_items[] = {
	{ 0, proposal_default, 0 }, { 0, NULL, 0 }
};

static const char *const toggle_item_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, NULL
};

const struct sch_menu sch_m_ip_ipsec_proposal = {
	.path = "/ip/ipsec/proposal",
	.table = "ip_ipsec_proposal",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = proposal_props,
	.flagdefs = proposal_flags,
	.columns = proposal_columns,
	.items = proposal_items,
	.name_prop = SCH_NAME,
	.commands = toggle_item_cmds,
	.help = "IPsec phase 2 parameter sets",
	.export_rank = 90,
	.export_default_sel = "[ find default=yes ]",
};

/* ------------------------------------------------------------------ */
/* /ip ipsec peer                                                      */
/* ------------------------------------------------------------------ */

static const char *const peer_xmode[] = {
	"main", "aggressive", "base", "ike2", NULL
};

static const struct sch_prop peer_props[] = {
	/* RouterOS may auto-name peers peerN (unconfirmed); rosh asks for
	 * the name, which every export carries anyway. */
	SCH_P_NAME("Name identities and policies refer to"),
	{ .name = "address", .type = ST_ANY_ADDR, .dflt = "::/0",
	  .help = "Address of the remote router" },
	{ .name = "local-address", .type = ST_ANY_ADDR, .flags = P_UNSET,
	  .help = "Bind phase 1 to this local address" },
	{ .name = "port", .type = ST_INT, .dflt = "500", .min = 0,
	  .max = 65535, .help = "peer's port" },
	{ .name = "passive", .type = ST_BOOL, .dflt = "no",
	  .help = "Passive peer won't initiate connection" },
	{ .name = "profile", .type = ST_REF, .ref = "/ip/ipsec/profile",
	  .dflt = "default", .help = "Phase 1 parameter set" },
	{ .name = "exchange-mode", .type = ST_ENUM, .values = peer_xmode,
	  .dflt = "main", .help = "Exchange mode" },
	{ .name = "send-initial-contact", .type = ST_BOOL, .dflt = "yes",
	  .help = "Send or not initial contact" },
	{ .name = "ppk-secret", .type = ST_STRING,
	  .flags = P_UNSET | P_SENSITIVE, .help = "static PPK secret with "
	  "\"static-ppk-secret\" ID used when no one-time key/psk exist for "
	  "this peer" },
	SCH_P_RT("current-address", ST_ANY_ADDR, "Resolved address of a DNS "
	    "peer"),
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	/* Mirrors passive; the R letter is drawn from passive itself so
	 * static and dynamic peers show it alike. */
	{ .name = "responder", .type = ST_BOOL, .flags = P_RO | P_HIDDEN,
	  .help = "Peer only answers (same as passive)" },
	{ .name = NULL }
};

static const struct sch_flag peer_flags[] = {
	SCH_F_DISABLED(0),
	SCH_F_DYNAMIC(1),
	{ 'R', "RESPONDER", "passive", 2 },
	{ 0 }
};

static const char *const peer_columns[] = {
	SCH_NAME, "address", "profile", "exchange-mode", NULL
};

const struct sch_menu sch_m_ip_ipsec_peer = {
	.path = "/ip/ipsec/peer",
	.table = "ip_ipsec_peer",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = peer_props,
	.flagdefs = peer_flags,
	.columns = peer_columns,
	.name_prop = SCH_NAME,
	.commands = toggle_item_cmds,
	.help = "IKE peers: who may negotiate and how",
	.export_rank = 80,
};

/* ------------------------------------------------------------------ */
/* /ip ipsec identity                                                  */
/* ------------------------------------------------------------------ */

static const char *const id_auth[] = {
	"pre-shared-key", "pre-shared-key-xauth", "rsa-key",
	"rsa-signature-hybrid", "digital-signature", "eap", "eap-radius", NULL
};
static const char *const id_gen[] = {
	"no", "port-override", "port-strict", NULL
};
static const char *const id_match[] = { "remote-id", "certificate", NULL };
static const char *const id_eap[] = {
	"eap-mschapv2", "eap-peap", "eap-tls", "eap-ttls", NULL
};
static const char *const id_none[] = { "none", NULL };

static const struct sch_prop identity_props[] = {
	{ .name = "peer", .type = ST_REF, .ref = "/ip/ipsec/peer",
	  .flags = P_REQUIRED | P_INDEX,
	  .help = "Peer this identity authenticates" },
	{ .name = "auth-method", .type = ST_ENUM, .values = id_auth,
	  .dflt = "pre-shared-key", .help = "Authentication method" },
	{ .name = "secret", .type = ST_STRING, .dflt = "",
	  .flags = P_SENSITIVE, .help = "pre-shared key secret" },
	/* Certificates are not managed by rosh: names are kept as given. */
	{ .name = "certificate", .type = ST_NAME, .flags = P_UNSET | P_BARE,
	  .help = "local certificate" },
	{ .name = "remote-certificate", .type = ST_NAME, .words = id_none,
	  .flags = P_UNSET | P_BARE, .help = "use this certificate when peer "
	  "does not send one" },
	{ .name = "key", .type = ST_NAME, .flags = P_UNSET | P_BARE,
	  .help = "key for raw RSA authentication (ike1 only)" },
	{ .name = "remote-key", .type = ST_NAME, .flags = P_UNSET | P_BARE,
	  .help = "remote key for raw RSA authentication (ike1 only)" },
	{ .name = "username", .type = ST_STRING, .flags = P_UNSET,
	  .help = "EAP or XAuth user" },
	{ .name = "password", .type = ST_STRING,
	  .flags = P_UNSET | P_SENSITIVE, .help = "EAP or XAuth password" },
	{ .name = "eap-methods", .type = ST_ENUM_LIST, .values = id_eap,
	  .dflt = "eap-tls", .help = "EAP methods" },
	{ .name = "generate-policy", .type = ST_ENUM, .values = id_gen,
	  .dflt = "no", .help = "Build policies from the peer's phase 2 "
	  "proposal" },
	{ .name = "policy-template-group", .type = ST_REF,
	  .ref = "/ip/ipsec/policy/group", .dflt = "default",
	  .help = "Templates generated policies must fit" },
	{ .name = "mode-config", .type = ST_REF, .ref = "/ip/ipsec/mode-config",
	  .words = id_none, .dflt = "none",
	  .help = "Mode configuration for the peer" },
	/* auto, address:..., fqdn:..., user-fqdn:..., key-id:..., dn. */
	{ .name = "my-id", .type = ST_STRING, .dflt = "auto",
	  .flags = P_BARE, .help = "Local identity sent to the peer" },
	{ .name = "remote-id", .type = ST_STRING, .dflt = "auto",
	  .flags = P_BARE, .help = "Identity expected from the peer" },
	{ .name = "match-by", .type = ST_ENUM, .values = id_match,
	  .dflt = "remote-id", .help = "identity lookup method for the "
	  "responder" },
	{ .name = "notrack-chain", .type = ST_STRING, .dflt = "",
	  .help = "Add dynamic raw notrack rules for dynamic policies" },
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	{ .name = NULL }
};

/* menus.md A shows "D - dynamic; X - disabled" for identities. */
static const struct sch_flag identity_flags[] = {
	SCH_F_DYNAMIC(0),
	SCH_F_DISABLED(1),
	{ 0 }
};

static const char *const identity_columns[] = {
	"peer", "auth-method", "generate-policy", NULL
};

const struct sch_menu sch_m_ip_ipsec_identity = {
	.path = "/ip/ipsec/identity",
	.table = "ip_ipsec_identity",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = identity_props,
	.flagdefs = identity_flags,
	.columns = identity_columns,
	.commands = toggle_item_cmds,
	.help = "How peers authenticate",
	.export_rank = 190,
};

/* ------------------------------------------------------------------ */
/* /ip ipsec policy                                                    */
/* ------------------------------------------------------------------ */

static const char *const pol_action[] = {
	"encrypt", "discard", "none", NULL
};
static const char *const pol_level[] = { "require", "unique", "use", NULL };
static const char *const pol_proto[] = { "esp", "ah", NULL };
static const char *const pol_any[] = { "any", NULL };
static const char *const pol_all[] = { "all", NULL };
static const char *const pol_ph2[] = {
	"spawning", "starting", "ready-to-send", "getspi-sent", "getspi-done",
	"msg1-sent", "ready-to-establish", "commiting", "adding-sa",
	"established", "expired", "no-phase2", NULL
};

static const struct sch_prop policy_props[] = {
	{ .name = "peer", .type = ST_REF, .ref = "/ip/ipsec/peer",
	  .flags = P_UNSET, .help = "Peer that negotiates SAs for this "
	  "policy" },
	{ .name = "group", .type = ST_REF, .ref = "/ip/ipsec/policy/group",
	  .dflt = "default", .help = "Template group (templates only)" },
	{ .name = "tunnel", .type = ST_BOOL, .dflt = "no",
	  .help = "Defines whether tunnel mode is enabled or disabled" },
	{ .name = "src-address", .type = ST_ANY_ADDR, .dflt = "0.0.0.0/32",
	  .help = "Source IP address" },
	{ .name = "src-port", .type = ST_INT, .words = pol_any, .dflt = "any",
	  .min = 0, .max = 65535, .help = "Source port" },
	{ .name = "dst-address", .type = ST_ANY_ADDR, .dflt = "0.0.0.0/32",
	  .help = "Destination IP address" },
	{ .name = "dst-port", .type = ST_INT, .words = pol_any, .dflt = "any",
	  .min = 0, .max = 65535, .help = "Destination port" },
	{ .name = "protocol", .type = ST_PROTOCOL, .words = pol_all,
	  .dflt = "all", .help = "Name or number of the protocol" },
	{ .name = "action", .type = ST_ENUM, .values = pol_action,
	  .dflt = "encrypt", .help = "Action type" },
	{ .name = "level", .type = ST_ENUM, .values = pol_level,
	  .dflt = "require", .help = "What to do if some of the SAs for this "
	  "policy cannot be found" },
	{ .name = "ipsec-protocols", .type = ST_ENUM, .values = pol_proto,
	  .dflt = "esp", .help = "IP security protocols" },
	{ .name = "sa-src-address", .type = ST_ANY_ADDR, .flags = P_UNSET,
	  .help = "SA source" },
	{ .name = "sa-dst-address", .type = ST_ANY_ADDR, .flags = P_UNSET,
	  .help = "SA destination" },
	{ .name = "proposal", .type = ST_REF, .ref = "/ip/ipsec/proposal",
	  .dflt = "default", .help = "Name of the proposal info" },
	/* Settable (yes/no in the tree) and printed, and also flag T. */
	{ .name = "template", .type = ST_BOOL, .dflt = "no",
	  .help = "Entry is a template for generated policies" },
	SCH_P_RT("ph2-count", ST_INT, "Phase 2 SAs of the policy"),
	{ .name = "ph2-state", .type = ST_ENUM, .values = pol_ph2,
	  .flags = P_RO, .help = "Progress of key establishing" },
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	SCH_P_INVALID,
	SCH_P_STATE("active", "Installed in the kernel"),
	SCH_P_STATE("backup", "Backup policy"),
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const struct sch_flag policy_flags[] = {
	{ 'T', "TEMPLATE", "template", 0 },
	{ 'B', "BACKUP", "backup", 1 },
	SCH_F_DISABLED(2), SCH_F_DYNAMIC(2), SCH_F_INVALID(2),
	{ 'A', "ACTIVE", "active", 2 },
	SCH_F_DEFAULT(3),
	{ 0 }
};

static const char *const policy_columns[] = {
	"peer", "tunnel", "src-address", "dst-address", "protocol", "action",
	"level", "ph2-count", NULL
};

/* Template *0: the group default's catch-all, printed as item 0.  The
 * properties a template does not use stay unset (NULL), so its print
 * shows only what RouterOS shows; level, when set, is what generated
 * policies inherit. */
static const char *const policy_template[] = {
	"group", "default", "src-address", "::/0", "dst-address", "::/0",
	"protocol", "all", "proposal", "default", "template", "yes",
	SCH_DEFAULT, "yes", "tunnel", NULL, "src-port", NULL, "dst-port", NULL,
	"action", NULL, "level", NULL, "ipsec-protocols", NULL, NULL
};
static const struct sch_item policy_items[] = {
	{ 0, policy_template, 0 }, { 0, NULL, 0 }
};

static const char *const policy_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, "move", NULL
};

const struct sch_menu sch_m_ip_ipsec_policy = {
	.path = "/ip/ipsec/policy",
	.table = "ip_ipsec_policy",
	.flags = M_LIST | M_ORDERED | M_DETAIL_PRINT,
	.props = policy_props,
	.flagdefs = policy_flags,
	.columns = policy_columns,
	.items = policy_items,
	.commands = policy_cmds,
	.help = "Traffic selectors and what IPsec does with them",
	.export_rank = 200,
	.export_default_sel = "%#",
};

/* ------------------------------------------------------------------ */
/* /ip ipsec policy group                                              */
/* ------------------------------------------------------------------ */

static const struct sch_prop group_props[] = {
	SCH_P_NAME("Name of the template group"),
	SCH_P_COMMENT,
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const char *const group_columns[] = { SCH_NAME, NULL };

static const char *const group_default[] = {
	SCH_NAME, "default", SCH_DEFAULT, "yes", NULL
};
static const struct sch_item group_items[] = {
	{ 0, group_default, 0 }, { 0, NULL, 0 }
};

static const char *const group_cmds[] = { SCH_CMDS_ITEMS, NULL };

const struct sch_menu sch_m_ip_ipsec_policy_group = {
	.path = "/ip/ipsec/policy/group",
	.table = "ip_ipsec_policy_group",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = group_props,
	.flagdefs = default_only_flags,
	.columns = group_columns,
	.items = group_items,
	.name_prop = SCH_NAME,
	.commands = group_cmds,
	.help = "Named sets of policy templates",
	.export_rank = 60,
	.export_default_sel = "[ find default=yes ]",
};

/* ------------------------------------------------------------------ */
/* /ip ipsec mode-config                                               */
/* ------------------------------------------------------------------ */

static const char *const mc_dns[] = { "exclusively", "no", "yes", NULL };
static const char *const mc_nomark[] = { "no-mark", NULL };

static const struct sch_prop mc_props[] = {
	SCH_P_NAME("Name identities refer to"),
	{ .name = "responder", .type = ST_BOOL, .dflt = "no",
	  .help = "Hand out configuration (yes) or request it (no)" },
	{ .name = "address", .type = ST_IP, .flags = P_UNSET,
	  .help = "Single address given to the peer" },
	{ .name = "address-pool", .type = ST_REF, .ref = "/ip/pool",
	  .words = id_none, .flags = P_UNSET,
	  .help = "issue one address for peer from this pool" },
	{ .name = "address-prefix-length", .type = ST_INT, .min = 1,
	  .max = 32, .flags = P_UNSET, .help = "issued address netmask" },
	{ .name = "split-include", .type = ST_ADDR_LIST, .flags = P_UNSET,
	  .help = "additional protected subnets" },
	{ .name = "split-dns", .type = ST_STRING, .flags = P_UNSET,
	  .help = "DNS name to be resolved using internal server" },
	{ .name = "static-dns", .type = ST_IP_LIST, .flags = P_UNSET,
	  .help = "dns servers sent to peer, exclusive with system-dns" },
	{ .name = "system-dns", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "send system dns servers to peer" },
	{ .name = "use-responder-dns", .type = ST_ENUM, .values = mc_dns,
	  .dflt = "exclusively", .help = "if the dns servers sent should be "
	  "used by the initiator" },
	{ .name = "src-address-list", .type = ST_NAME,
	  .flags = P_UNSET | P_BARE, .help = "address list name to be added "
	  "to srcnat chain for initiator" },
	{ .name = "connection-mark", .type = ST_NAME, .words = mc_nomark,
	  .flags = P_UNSET | P_BARE, .help = "conection-mark to be added to "
	  "srcnat chain for initiator" },
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const char *const mc_columns[] = {
	SCH_NAME, "responder", "address-pool", NULL
};

static const char *const mc_request_only[] = {
	SCH_NAME, "request-only", SCH_DEFAULT, "yes", NULL
};
static const struct sch_item mc_items[] = {
	{ 0, mc_request_only, 0 }, { 0, NULL, 0 }
};

/* The tree has enable/disable but no disabled property or comment. */
static const char *const mc_cmds[] = {
	"add", "edit", "export", "find", "get", "print", "remove", "reset",
	"set", SCH_CMDS_TOGGLE, NULL
};

const struct sch_menu sch_m_ip_ipsec_mode_config = {
	.path = "/ip/ipsec/mode-config",
	.table = "ip_ipsec_mode_config",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = mc_props,
	.flagdefs = default_only_flags,
	.columns = mc_columns,
	.items = mc_items,
	.name_prop = SCH_NAME,
	.commands = mc_cmds,
	.help = "Mode configuration (IKEv1 XAuth, IKEv2) address handout",
	.export_rank = 50,
	.export_default_sel = "[ find default=yes ]",
};

/* ------------------------------------------------------------------ */
/* /ip ipsec installed-sa (runtime)                                    */
/* ------------------------------------------------------------------ */

static const char *const sa_state[] = {
	"larval", "mature", "dying", "dead", NULL
};
static const char *const sa_auth[] = {
	"none", "md5", "sha1", "sha256", "sha512", NULL
};
static const char *const sa_enc[] = {
	"none", "des", "3des", "null", "aes-cbc", "aes-ctr", "aes-gcm",
	"blowfish", "twofish", "camellia", "chacha20poly1305", NULL
};

static const struct sch_prop sa_props[] = {
	SCH_P_RT("spi", ST_HEX, "SPI value of SA in hexadecimal"),
	/* IP, or IP:port for NAT-T encapsulated SAs. */
	{ .name = "src-address", .type = ST_STRING, .flags = P_RO | P_BARE,
	  .help = "Source of SA from policy configuration" },
	{ .name = "dst-address", .type = ST_STRING, .flags = P_RO | P_BARE,
	  .help = "Destination of SA from policy configuration" },
	{ .name = "state", .type = ST_ENUM, .values = sa_state, .flags = P_RO,
	  .help = "State of the SA" },
	{ .name = "auth-algorithm", .type = ST_ENUM, .values = sa_auth,
	  .flags = P_RO, .help = "Authentication algorithm" },
	{ .name = "enc-algorithm", .type = ST_ENUM, .values = sa_enc,
	  .flags = P_RO, .help = "Encryption algorithm" },
	SCH_P_RT("enc-key-size", ST_INT, "Cipher key size in bits"),
	{ .name = "auth-key", .type = ST_STRING,
	  .flags = P_RO | P_SENSITIVE | P_BARE, .help = "Authentication key" },
	{ .name = "enc-key", .type = ST_STRING,
	  .flags = P_RO | P_SENSITIVE | P_BARE, .help = "Encryption key" },
	SCH_P_RT("addtime", ST_DATETIME, "When the SA was installed"),
	SCH_P_RT("expires-in", ST_TIME, "Time left until the next lifetime "
	    "event"),
	/* soft/hard, e.g. 24m9s/30m12s. */
	{ .name = "add-lifetime", .type = ST_STRING, .flags = P_RO | P_BARE,
	  .help = "Expiration time counted from installation of SA" },
	SCH_P_RT("current-bytes", ST_INT, "Amount of data processed by this "
	    "SA's crypto algorithms"),
	SCH_P_RT("current-packets", ST_INT, "Packets processed by the SA"),
	SCH_P_RT("replay", ST_INT, "Size of replay window in bytes"),
	SCH_P_RT("invalid-packets", ST_INT, "Packets that failed checks"),
	SCH_P_STATE("seen-traffic", "Traffic has used the SA"),
	SCH_P_STATE("hw-aead", "Crypto is offloaded to hardware"),
	SCH_P_STATE("AH", "Authentication Header"),
	SCH_P_STATE("ESP", "Encapsulating Security Payload"),
	{ .name = NULL }
};

static const struct sch_flag sa_flags[] = {
	{ 'S', "SEEN-TRAFFIC", "seen-traffic", 0 },
	{ 'H', "HW-AEAD", "hw-aead", 1 },
	{ 'A', "AH", "AH", 2 },
	{ 'E', "ESP", "ESP", 3 },
	{ 0 }
};

static const char *const sa_columns[] = {
	"spi", "state", "src-address", "dst-address", "auth-algorithm",
	"enc-algorithm", "enc-key-size", NULL
};

/* flush takes no arguments in 7.21.5 and drops every SA. */
static const char *const sa_cmds[] = {
	"edit", "find", "flush", "get", "print", "reset", NULL
};

const struct sch_menu sch_m_ip_ipsec_installed_sa = {
	.path = "/ip/ipsec/installed-sa",
	.table = "ip_ipsec_installed_sa",
	.flags = M_LIST | M_RUNTIME | M_READONLY | M_NOT_EXPORTED,
	.props = sa_props,
	.flagdefs = sa_flags,
	.columns = sa_columns,
	.commands = sa_cmds,
	.help = "Security associations installed in the kernel",
	.export_rank = 920,
};

/* ------------------------------------------------------------------ */
/* /ip ipsec active-peers (runtime)                                    */
/* ------------------------------------------------------------------ */

static const char *const ap_state[] = {
	"spawning", "starting", "message-1-received", "message-1-sent",
	"message-2-received", "message-2-sent", "message-3-received",
	"message-3-sent", "message-4-received", "established", "expired",
	"no-phase1", "eap", "crypto", "qkd", NULL
};
static const char *const ap_side[] = { "initiator", "responder", NULL };

static const struct sch_prop ap_props[] = {
	SCH_P_RT("id", ST_STRING, "Remote identity as received"),
	{ .name = "state", .type = ST_ENUM, .values = ap_state, .flags = P_RO,
	  .help = "Phase 1 state" },
	{ .name = "side", .type = ST_ENUM, .values = ap_side, .flags = P_RO,
	  .help = "Who started phase 1" },
	SCH_P_RT("uptime", ST_TIME, "Age of the phase 1"),
	SCH_P_RT("last-seen", ST_TIME, "Time since the peer was last heard"),
	SCH_P_RT("ph2-total", ST_INT, "Phase 2 SAs under this phase 1"),
	SCH_P_RT("remote-address", ST_ANY_ADDR, "Remote phase 1 endpoint"),
	SCH_P_RT("local-address", ST_ANY_ADDR, "Local phase 1 endpoint"),
	SCH_P_RT("port", ST_INT, "Remote IKE port"),
	SCH_P_RT("dynamic-address", ST_ANY_ADDR, "Mode-config address"),
	SCH_P_RT("spii", ST_HEX, "Initiator cookie"),
	SCH_P_RT("spir", ST_HEX, "Responder cookie"),
	SCH_P_STAT("rx-bytes", "Bytes received"),
	SCH_P_STAT("rx-packets", "Packets received"),
	SCH_P_STAT("tx-bytes", "Bytes sent"),
	SCH_P_STAT("tx-packets", "Packets sent"),
	/* The tree lets add/comment touch it, but rows come from roshd. */
	SCH_P_RT(SCH_COMMENT, ST_STRING, "Short description of the item"),
	SCH_P_STATE("responder", "Peer started phase 1"),
	SCH_P_STATE("natt-peer", "NAT detected, using UDP 4500"),
	SCH_P_STATE("ppk", "Post-quantum preshared key in use"),
	{ .name = NULL }
};

static const struct sch_flag ap_flags[] = {
	{ 'R', "RESPONDER", "responder", 0 },
	{ 'N', "NATT-PEER", "natt-peer", 1 },
	{ 'P', "PPK", "ppk", 2 },
	{ 0 }
};

static const char *const ap_columns[] = {
	"id", "state", "uptime", "ph2-total", "remote-address",
	"dynamic-address", NULL
};

static const char *const ap_cmds[] = {
	"add", "comment", "edit", "find", "get", "kill-connections", "print",
	"remove", "reset", "set", NULL
};

const struct sch_menu sch_m_ip_ipsec_active_peers = {
	.path = "/ip/ipsec/active-peers",
	.table = "ip_ipsec_active_peers",
	.flags = M_LIST | M_RUNTIME | M_READONLY | M_NOT_EXPORTED,
	.props = ap_props,
	.flagdefs = ap_flags,
	.columns = ap_columns,
	.commands = ap_cmds,
	.help = "IKE phase 1 sessions",
	.export_rank = 930,
};

/* ------------------------------------------------------------------ */
/* /ip ipsec statistics (runtime counters)                             */
/* ------------------------------------------------------------------ */

/* One-to-one with the kernel's /proc/net/xfrm_stat counters. */
#define STAT(n) SCH_P_RT((n), ST_INT, "XFRM counter " n)

static const struct sch_prop stat_props[] = {
	STAT("in-errors"), STAT("in-buffer-errors"), STAT("in-header-errors"),
	STAT("in-no-states"), STAT("in-state-protocol-errors"),
	STAT("in-state-mode-errors"), STAT("in-state-sequence-errors"),
	STAT("in-state-expired"), STAT("in-state-mismatches"),
	STAT("in-state-invalid"), STAT("in-template-mismatches"),
	STAT("in-no-policies"), STAT("in-policy-blocked"),
	STAT("in-policy-errors"), STAT("out-errors"),
	STAT("out-bundle-errors"), STAT("out-bundle-check-errors"),
	STAT("out-no-states"), STAT("out-state-protocol-errors"),
	STAT("out-state-mode-errors"), STAT("out-state-sequence-errors"),
	STAT("out-state-expired"), STAT("out-policy-blocked"),
	STAT("out-policy-dead"), STAT("out-policy-errors"),
	{ .name = NULL }
};

#undef STAT

static const char *const stat_cmds[] = { "export", "get", "print", NULL };

const struct sch_menu sch_m_ip_ipsec_statistics = {
	.path = "/ip/ipsec/statistics",
	.table = "ip_ipsec_statistics",
	.flags = M_SINGLETON | M_RUNTIME | M_READONLY | M_NOT_EXPORTED,
	.props = stat_props,
	.commands = stat_cmds,
	.help = "IPsec error counters of the kernel",
	.export_rank = 940,
};

/* ------------------------------------------------------------------ */
/* /ip ipsec settings                                                  */
/* ------------------------------------------------------------------ */

static const struct sch_prop set_props[] = {
	{ .name = "accounting", .type = ST_BOOL, .dflt = "yes",
	  .help = "Send RADIUS accounting for XAuth users" },
	{ .name = "interim-update", .type = ST_TIME, .dflt = "0s",
	  .help = "Interim accounting interval (0s = off)" },
	{ .name = "xauth-use-radius", .type = ST_BOOL, .dflt = "no",
	  .help = "Authenticate XAuth users through RADIUS" },
	{ .name = NULL }
};

static const char *const set_item[] = { NULL };
static const struct sch_item set_items[] = { { 0, set_item, 0 }, { 0, NULL, 0 } };

static const char *const set_cmds[] = { SCH_CMDS_SETTINGS, NULL };

const struct sch_menu sch_m_ip_ipsec_settings = {
	.path = "/ip/ipsec/settings",
	.table = "ip_ipsec_settings",
	.flags = M_SINGLETON,
	.props = set_props,
	.items = set_items,
	.commands = set_cmds,
	.help = "Global IPsec settings",
	.export_rank = 210,
};
