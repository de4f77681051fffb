/*
 * derive.c - dynamic items that configuration makes the system create.
 *
 * Each rule names a source menu, the setting that switches it on, and the
 * items it creates, as data: the values are spelled here, in schema/,
 * like every other user-visible name.  The engine stores the result as
 * dynamic items owned by the source and replaces them on every change.
 */
#include <string.h>

#include "menus_local.h"

/* One value of a derived item: fixed text, or a value of the source row. */
struct drv_kv {
	const char *dk_name;
	const char *dk_text;	/* fixed value, or NULL */
	const char *dk_from;	/* source property to copy, or NULL */
};

struct drv_item {
	const char *di_menu;		/* path of the item's menu */
	const struct drv_kv *di_kv;	/* terminated by { NULL } */
};

struct drv_rule {
	const char *dr_source;		/* path of the source menu */
	const char *dr_switch;		/* source property: the switch */
	const char *const *dr_on;	/* switch values that derive */
	const struct drv_item *dr_items;/* terminated by { NULL } */
};

/*
 * menus.md A: /interface l2tp-server server use-ipsec=yes|required makes
 * the dynamic peer l2tp-in-server (a passive responder for any address,
 * profile default, main mode) and its identity (the server's ipsec-secret,
 * port-strict policy generation against template group default).
 * use-ipsec=no makes nothing.  Whether RouterOS keeps them while the
 * server is disabled is unconfirmed; they are derived whatever `enabled`
 * says, so turning the server on does not change the IPsec side.
 */
static const char *const drv_l2tp_on[] = { "yes", "required", NULL };

static const struct drv_kv drv_l2tp_peer[] = {
	{ SCH_NAME, "l2tp-in-server", NULL },
	{ "address", "::/0", NULL },
	{ "port", "500", NULL },
	{ "passive", "yes", NULL },
	{ "profile", "default", NULL },
	{ "exchange-mode", "main", NULL },
	{ "send-initial-contact", "yes", NULL },
	{ "responder", "yes", NULL },
	{ SCH_DYNAMIC, "yes", NULL },
	{ NULL, NULL, NULL }
};

static const struct drv_kv drv_l2tp_identity[] = {
	{ "peer", "l2tp-in-server", NULL },
	{ "auth-method", "pre-shared-key", NULL },
	{ "secret", NULL, "ipsec-secret" },
	{ "generate-policy", "port-strict", NULL },
	{ "policy-template-group", "default", NULL },
	{ "my-id", "auto", NULL },
	{ "remote-id", "auto", NULL },
	{ SCH_DYNAMIC, "yes", NULL },
	{ NULL, NULL, NULL }
};

static const struct drv_item drv_l2tp_items[] = {
	{ "/ip/ipsec/peer", drv_l2tp_peer },
	{ "/ip/ipsec/identity", drv_l2tp_identity },
	{ NULL, NULL }
};

static const struct drv_rule drv_rules[] = {
	{ "/interface/l2tp-server/server", "use-ipsec", drv_l2tp_on,
	  drv_l2tp_items },
	{ NULL, NULL, NULL, NULL }
};

static const struct drv_rule *
drv_rule_of(const struct sch_menu *m)
{
	const struct drv_rule *r;

	if (m == NULL)
		return NULL;
	for (r = drv_rules; r->dr_source != NULL; r++)
		if (strcmp(r->dr_source, m->path) == 0)
			return r;
	return NULL;
}

int
sch_derive_is_source(const struct sch_menu *m)
{
	return drv_rule_of(m) != NULL;
}

/* Value of source property `name` in row vals; its default when unset. */
static const char *
drv_source_value(const struct sch_menu *m, char *const *vals,
    const char *name)
{
	const struct sch_prop *p;
	int i;

	p = sch_prop_find(m, name, &i);
	if (p == NULL)
		return NULL;
	return vals[i] != NULL ? vals[i] : p->dflt;
}

static int
drv_is_on(const struct drv_rule *r, const char *v)
{
	const char *const *w;

	for (w = r->dr_on; v != NULL && *w != NULL; w++)
		if (strcmp(*w, v) == 0)
			return 1;
	return 0;
}

/*
 * One derived item: exactly the rule's values, which is what menus.md
 * shows these items print.  Properties left out stay unset, and whoever
 * acts on the item reads them as their defaults.  Returns -1 when the
 * rule names a menu that does not exist or the item does not fit.
 */
static int
drv_build(const struct drv_item *it, const struct sch_menu *src,
    char *const *vals, struct sch_derived *d)
{
	const struct drv_kv *kv;
	const char *v;
	int n = 0;

	memset(d, 0, sizeof(*d));
	d->menu = sch_menu_find(it->di_menu);
	if (d->menu == NULL)
		return -1;
	for (kv = it->di_kv; kv->dk_name != NULL; kv++) {
		v = kv->dk_from ? drv_source_value(src, vals, kv->dk_from) :
		    kv->dk_text;
		if (v == NULL)
			continue;
		if (n == SCH_DERIVE_MAX_KV)
			return -1;
		d->kv[2 * n] = kv->dk_name;
		d->kv[2 * n + 1] = v;
		n++;
	}
	d->kv[2 * n] = NULL;
	return 0;
}

/*
 * Returns the number of items (0 when the switch is off), or -1 when they
 * do not fit in out[0..max-1]: a caller's buffer too small is a bug to
 * report, not a reason to drop the peer silently.
 */
int
sch_derive_items(const struct sch_menu *m, char *const *vals,
    struct sch_derived *out, int max)
{
	const struct drv_rule *r = drv_rule_of(m);
	int n;

	if (r == NULL || vals == NULL ||
	    !drv_is_on(r, drv_source_value(m, vals, r->dr_switch)))
		return 0;
	for (n = 0; r->dr_items[n].di_menu != NULL; n++) {
		if (n >= max || out == NULL ||
		    drv_build(&r->dr_items[n], m, vals, &out[n]) < 0)
			return -1;
	}
	return n;
}
