/*
 * check_parser.c - console text to resolved AST (grammar/parser.c,
 * args.c, expr.c, ast.c), and the RouterOS error text for bad input.
 *
 * Results are compared as a compact rendering of the AST:
 *   (PATH NAME args)     command; ":" in front when written with ':'
 *   name=V  ^name=V      named / positional argument; !name unset;
 *                        a bare name is a switch without value
 *   (cd PATH)            path-only line
 *   {PATH stmt ...}      block running in PATH
 *   (expr X) (call $f args)
 *   word  "str${subst}"  $var  [stmt]  {a;k=v}  (op a b)
 * Bytes outside printable ASCII and backslashes print as \XX.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"

static void render(FILE *f, const struct ast_node *n);

static void
render_text(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c > 0x7e || c == '\\')
			fprintf(f, "\\%02X", c);
		else
			fputc(c, f);
	}
}

static void
render_args(FILE *f, const struct ast_node *n)
{
	int i;

	for (i = 0; i < n->nargs; i++) {
		const struct ast_arg *a = &n->args[i];

		fprintf(f, " %s%s%s", a->negated ? "!" : "",
		    a->positional ? "^" : "", a->name);
		if (a->value != NULL) {
			fputc('=', f);
			render(f, a->value);
		}
	}
}

static void
render_kids(FILE *f, const struct ast_node *n, const char *sep)
{
	int i;

	for (i = 0; i < n->nkids; i++) {
		if (i > 0)
			fputs(sep, f);
		render(f, n->kids[i]);
	}
}

static void
render(FILE *f, const struct ast_node *n)
{
	int i;

	switch (n->type) {
	case AST_BLOCK:
		fprintf(f, "{%s%s", n->path, n->nkids ? " " : "");
		render_kids(f, n, " ");
		fputc('}', f);
		break;
	case AST_CD:
		fprintf(f, "(cd %s)", n->path);
		break;
	case AST_CMD:
		fprintf(f, "(%s%s %s", n->cmd_prefixed ? ":" : "", n->path,
		    n->name);
		render_args(f, n);
		fputc(')', f);
		break;
	case AST_EXPR_STMT:
		fputs("(expr ", f);
		render_kids(f, n, " ");
		fputc(')', f);
		break;
	case AST_CALL:
		fputs("(call $", f);
		render_text(f, n->text, n->textlen);
		render_args(f, n);
		fputc(')', f);
		break;
	case AST_WORD:
		render_text(f, n->text, n->textlen);
		break;
	case AST_STR:
		fputc('"', f);
		for (i = 0; i < n->nkids; i++) {
			const struct ast_node *k = n->kids[i];

			if (k->type == AST_WORD)
				render_text(f, k->text, k->textlen);
			else {
				fputs("${", f);
				render(f, k);
				fputc('}', f);
			}
		}
		fputc('"', f);
		break;
	case AST_VAR:
		fputc('$', f);
		render_text(f, n->text, n->textlen);
		break;
	case AST_SUBST:
		fputc('[', f);
		render_kids(f, n, " ");
		fputc(']', f);
		break;
	case AST_ARRAY:
		fputc('{', f);
		render_kids(f, n, ";");
		fputc('}', f);
		break;
	case AST_PAIR:
		render_text(f, n->text, n->textlen);
		fputc('=', f);
		render_kids(f, n, " ");
		break;
	case AST_UNOP:
	case AST_BINOP:
		fprintf(f, "(%s ", ast_op_name(n->op));
		render_kids(f, n, " ");
		fputc(')', f);
		break;
	}
}

/* Statements of a gr_parse() result, one per line; caller frees. */
static char *
render_script(const struct ast_node *root)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	int i;

	ck_assert_ptr_nonnull(f);
	for (i = 0; i < root->nkids; i++) {
		render(f, root->kids[i]);
		fputc('\n', f);
	}
	fclose(f);
	return out;
}

static struct ast_node *
parse_ok(const char *src, const char *cwd)
{
	struct gr_opts o = { cwd, 0 };
	struct gr_error e;
	int inc = -1;
	struct ast_node *n = gr_parse(src, strlen(src), &o, &e, &inc);
	char msg[300];

	gr_error_format(&e, msg, sizeof(msg));
	ck_assert_msg(n != NULL, "'%s': %s", src, msg);
	ck_assert_int_eq(e.code, GR_OK);
	ck_assert_int_eq(inc, 0);
	ck_assert_int_eq(n->type, AST_BLOCK);
	return n;
}

/* ------------------------------------------------------------------ */
/* Valid input                                                         */
/* ------------------------------------------------------------------ */

struct ok_case {
	const char *cwd;
	const char *src;
	const char *want;	/* rendering, one statement per line */
};

static const struct ok_case ok_cases[] = {
	/* menus, commands, abbreviations, relative paths (§1.2, §7.3) */
	{ "/", "/ip address add address=192.168.88.1/24 interface=ether1",
	  "(/ip/address add address=192.168.88.1/24 interface=ether1)\n" },
	{ "/", "/ip/address/print", "(/ip/address print)\n" },
	{ "/", "/ip/ipsec identity print", "(/ip/ipsec/identity print)\n" },
	{ "/", "/ip addr pri det", "(/ip/address print detail)\n" },
	{ "/", "ip address print", "(/ip/address print)\n" },
	{ "/ip", "address print", "(/ip/address print)\n" },
	{ "/ip/address", "print", "(/ip/address print)\n" },
	{ "/ip/firewall/nat", ".. service-port print",
	  "(/ip/firewall/service-port print)\n" },
	{ "/ip/firewall/nat", "../.. address print",
	  "(/ip/address print)\n" },
	{ "/ip", "/ping 10.0.0.1", "(/ ping ^address=10.0.0.1)\n" },
	{ "/", "ping 10.0.0.1 count=3",
	  "(/ ping ^address=10.0.0.1 count=3)\n" },
	/* path-only lines */
	{ "/", "/ip firewall filter", "(cd /ip/firewall/filter)\n" },
	{ "/", "/ip/route/", "(cd /ip/route)\n" },
	{ "/ip", "/", "(cd /)\n" },
	{ "/ip/firewall", "..", "(cd /ip)\n" },
	{ "/", "..", "(cd /)\n" },
	{ "/ip/firewall/nat", "../..", "(cd /ip)\n" },
	/* the only alias: sa -> installed-sa */
	{ "/", "/ip ipsec sa print", "(/ip/ipsec/installed-sa print)\n" },
	{ "/", "/ip/ipsec/sa/flush", "(/ip/ipsec/installed-sa flush)\n" },
	/* positionals, unset, switches (§1.4) */
	{ "/ip/firewall/filter", "set 2 !dst-port !src-address-list action=drop",
	  "(/ip/firewall/filter set ^numbers=2 !dst-port !src-address-list "
	  "action=drop)\n" },
	{ "/ip/firewall/filter", "move 3 destination=0",
	  "(/ip/firewall/filter move ^numbers=3 destination=0)\n" },
	{ "/ip/firewall/filter", "move 3 0",
	  "(/ip/firewall/filter move ^numbers=3 ^destination=0)\n" },
	{ "/", "/ip address get 0 address",
	  "(/ip/address get ^number=0 ^value-name=address)\n" },
	{ "/", "/system identity get name",
	  "(/system/identity get ^value-name=name)\n" },
	{ "/", "/system identity set name=r1",
	  "(/system/identity set name=r1)\n" },
	{ "/", "/ip address print detail without-paging",
	  "(/ip/address print detail without-paging)\n" },
	{ "/", "/ip address print as-value", "(/ip/address print as-value)\n" },
	{ "/", "/ip firewall filter print stats all",
	  "(/ip/firewall/filter print stats all)\n" },
	{ "/", "/ip route add blackhole dst-address=10.0.0.0/8",
	  "(/ip/route add blackhole dst-address=10.0.0.0/8)\n" },
	{ "/", "/ip route add blackhole=yes",
	  "(/ip/route add blackhole=yes)\n" },
	{ "/", "/interface ethernet monitor ether1 once",
	  "(/interface/ethernet monitor ^numbers=ether1 once)\n" },
	{ "/", "/export compact file=x", "(/ export compact file=x)\n" },
	{ "/", "/export terse show-sensitive",
	  "(/ export terse show-sensitive)\n" },
	{ "/", "import file.rsc verbose=yes",
	  "(/ import ^file-name=file.rsc verbose=yes)\n" },
	{ "/", "import x.rsc dry-run", "(/ import ^file-name=x.rsc dry-run)\n" },
	/* dotted shorthand (§1.3) */
	{ "/", "/routing bgp connection add local.address=1.1.1.1 .role=ebgp",
	  "(/routing/bgp/connection add local.address=1.1.1.1 "
	  "local.role=ebgp)\n" },
	/* values: empty, blank after '=', # and ! inside words */
	{ "/", "/ip address set 0 comment=",
	  "(/ip/address set ^numbers=0 comment=)\n" },
	{ "/", "/ip address set 0 comment= x",
	  "(/ip/address set ^numbers=0 comment=x)\n" },
	{ "/", "/ip firewall filter add chain=input log-prefix=#DROP",
	  "(/ip/firewall/filter add chain=input log-prefix=#DROP)\n" },
	{ "/", "/ip firewall filter add src-address=!10.0.0.0/8 "
	  "dst-port=1000-2000",
	  "(/ip/firewall/filter add src-address=!10.0.0.0/8 "
	  "dst-port=1000-2000)\n" },
	{ "/", "/log warning message=y", "(/log warning message=y)\n" },
	{ "/ip", ":log info \"x\"", "(:/log info ^message=\"x\")\n" },
	/* where-expressions (§3.5) */
	{ "/", "/ip firewall address-list export where list=blocked",
	  "(/ip/firewall/address-list export where=(eq list blocked))\n" },
	{ "/", "/log print follow where topics~\"ipsec|l2tp\"",
	  "(/log print follow where=(match topics \"ipsec|l2tp\"))\n" },
	{ "/", "/ip firewall filter print where chain=input !disabled bound "
	  "interface=ether1",
	  "(/ip/firewall/filter print where=(juxt (juxt (juxt (eq chain input) "
	  "(not disabled)) bound) (eq interface ether1)))\n" },
	{ "/", "/ip address print where address=\"10.0.0.1/24\"",
	  "(/ip/address print where=(eq address \"10.0.0.1/24\"))\n" },
	{ "/", "/ip firewall filter print where (chain=input or "
	  "chain=forward) and action=drop",
	  "(/ip/firewall/filter print where=(and (or (eq chain input) "
	  "(eq chain forward)) (eq action drop)))\n" },
	{ "/", "/ip firewall filter print where dst-address in 10.0.0.0/8",
	  "(/ip/firewall/filter print where=(in dst-address 10.0.0.0/8))\n" },
	{ "/", "/ip firewall filter print where $ip in dst-address",
	  "(/ip/firewall/filter print where=(in $ip dst-address))\n" },
	{ "/", "/ip address print where (name~\"x\")=false",
	  "(/ip/address print where=(eq (match name \"x\") false))\n" },
	{ "/", "/ip firewall connection print where timeout<30s",
	  "(/ip/firewall/connection print where=(lt timeout 30s))\n" },
	{ "/", "/ip firewall filter print where dst-port=500,4500",
	  "(/ip/firewall/filter print where=(eq dst-port 500,4500))\n" },
	{ "/", "/ip address print count-only where interface=ether1",
	  "(/ip/address print count-only where=(eq interface ether1))\n" },
	{ "/", "/ip address print where !(name~\"x\" || dynamic)",
	  "(/ip/address print where=(not (or (match name \"x\") dynamic)))\n" },
	/* find: where optional, [find] resolved in the command's menu */
	{ "/ip/pool", "find where name=x", "(/ip/pool find ^where=(eq name x))\n" },
	{ "/ip/pool", "find name=x", "(/ip/pool find ^where=(eq name x))\n" },
	{ "/ip/pool", ":put [find]", "(:/ put ^message=[(/ip/pool find)])\n" },
	{ "/ip/pool", ":put [find where .id=*1A]",
	  "(:/ put ^message=[(/ip/pool find ^where=(eq .id *1A))])\n" },
	{ "/", ":put [find]", "(:/ put ^message=[(/ find)])\n" },
	{ "/", "/ip pool set [find name=x] ranges=10.0.0.1-10.0.0.9",
	  "(/ip/pool set ^numbers=[(/ip/pool find ^where=(eq name x))] "
	  "ranges=10.0.0.1-10.0.0.9)\n" },
	{ "/", ":put [/ip pool get [find name=vpn-pool] ranges]",
	  "(:/ put ^message=[(/ip/pool get ^number=[(/ip/pool find "
	  "^where=(eq name vpn-pool))] ^value-name=ranges)])\n" },
	{ "/", "/ip pool remove [find]",
	  "(/ip/pool remove ^numbers=[(/ip/pool find)])\n" },
	{ "/ip/firewall/address-list",
	  ":foreach i in=[find list=x] do={ remove $i }",
	  "(:/ foreach ^counter=i in=[(/ip/firewall/address-list find "
	  "^where=(eq list x))] do={/ip/firewall/address-list "
	  "(/ip/firewall/address-list remove ^numbers=$i)})\n" },
	{ "/", "/ip pool remove [\n  find\n  where name=x\n]",
	  "(/ip/pool remove ^numbers=[(/ip/pool find ^where=(eq name x))])\n" },
	/* statements of other kinds, separators */
	{ "/", "(1 + 2)", "(expr (add 1 2))\n" },
	{ "/", "[:put 1]", "(expr [(:/ put ^message=1)])\n" },
	{ "/", ":put 1;:put 2\n\n;;:put 3",
	  "(:/ put ^message=1)\n(:/ put ^message=2)\n(:/ put ^message=3)\n" },
	{ "/", "$f 5 a=2", "(call $f ^1=5 a=2)\n" },
	{ "/", "$f", "(call $f)\n" },
	{ "/", "$\"my-f\" x \"y\"", "(call $my-f ^1=x ^2=\"y\")\n" },
	/* scripting (§8) */
	{ "/", ":local a 5", "(:/ local ^name=a ^value=5)\n" },
	{ "/", ":global g", "(:/ global ^name=g)\n" },
	{ "/", ":set a ($a + 1)", "(:/ set ^name=a ^value=(add $a 1))\n" },
	{ "/", ":put \"a=$a\"", "(:/ put ^message=\"a=${$a}\")\n" },
	{ "/", ":if ($a > 1) do={ :put yes } else={ :put no }",
	  "(:/ if ^condition=(gt $a 1) do={/ (:/ put ^message=yes)} "
	  "else={/ (:/ put ^message=no)})\n" },
	{ "/", ":if ($x) do={}", "(:/ if ^condition=$x do={/})\n" },
	{ "/", ":foreach i in={1;2;3} do={ :put $i }",
	  "(:/ foreach ^counter=i in={1;2;3} do={/ (:/ put ^message=$i)})\n" },
	{ "/", ":foreach k,v in=$arr do={ :put \"$k=$v\" }",
	  "(:/ foreach ^counter=k,v in=$arr do={/ (:/ put "
	  "^message=\"${$k}=${$v}\")})\n" },
	{ "/", ":for i from=1 to=10 step=2 do={ :put $i }",
	  "(:/ for ^counter=i from=1 to=10 step=2 do={/ (:/ put "
	  "^message=$i)})\n" },
	{ "/", ":while ($i < 10) do={ :set i ($i + 1) }",
	  "(:/ while ^condition=(lt $i 10) do={/ (:/ set ^name=i "
	  "^value=(add $i 1))})\n" },
	{ "/", ":do { :put 1 } on-error={ :put 2 }",
	  "(:/ do ^command={/ (:/ put ^message=1)} on-error={/ (:/ put "
	  "^message=2)})\n" },
	{ "/", ":do { :set i ($i+1) } while=($i < 10)",
	  "(:/ do ^command={/ (:/ set ^name=i ^value=(add $i 1))} "
	  "while=(lt $i 10))\n" },
	{ "/", ":onerror e in={ :error \"x\" } do={ :put \"failed: $e\" }",
	  "(:/ onerror ^error=e in={/ (:/ error ^message=\"x\")} do={/ (:/ put "
	  "^message=\"failed: ${$e}\")})\n" },
	{ "/", ":onerror e { :error \"x\" } do={ :put $e }",
	  "(:/ onerror ^error=e ^in={/ (:/ error ^message=\"x\")} do={/ (:/ put "
	  "^message=$e)})\n" },
	{ "/", ":error \"bad\"", "(:/ error ^message=\"bad\")\n" },
	{ "/", ":return $x", "(:/ return ^value=$x)\n" },
	{ "/", ":put [:len \"abc\"]",
	  "(:/ put ^message=[(:/ len ^value=\"abc\")])\n" },
	{ "/", ":put [:pick \"abcd\" 1 3]",
	  "(:/ put ^message=[(:/ pick ^counter=\"abcd\" ^begin=1 ^end=3)])\n" },
	{ "/", ":put [:find \"abc\" \"b\" -1]",
	  "(:/ put ^message=[(:/ find ^in=\"abc\" ^key=\"b\" ^from=-1)])\n" },
	{ "/", ":put [:typeof $x]", "(:/ put ^message=[(:/ typeof ^value=$x)])\n" },
	{ "/", ":put [:tostr {1;2}]",
	  "(:/ put ^message=[(:/ tostr ^value={1;2})])\n" },
	{ "/", ":put [:tonum \"0x1F\"]",
	  "(:/ put ^message=[(:/ tonum ^value=\"0x1F\")])\n" },
	{ "/", ":put [:toip \"10.0.0.1\"]",
	  "(:/ put ^message=[(:/ toip ^value=\"10.0.0.1\")])\n" },
	{ "/", ":put [:totime \"1h\"]",
	  "(:/ put ^message=[(:/ totime ^value=\"1h\")])\n" },
	{ "/", ":local arr [:toarray \"1,2,3\"]",
	  "(:/ local ^name=arr ^value=[(:/ toarray ^value=\"1,2,3\")])\n" },
	{ "/", ":delay 1s", "(:/ delay ^delay-time=1s)\n" },
	{ "/", ":execute { :put 1 }",
	  "(:/ execute ^script={/ (:/ put ^message=1)})\n" },
	{ "/", ":time { :delay 1 }",
	  "(:/ time ^command={/ (:/ delay ^delay-time=1)})\n" },
	{ "/", ":global f do={ :return ($1 + $a) }",
	  "(:/ global ^name=f do={/ (:/ return ^value=(add $1 $a))})\n" },
	{ "/", ":put [$f 5 a=2]", "(:/ put ^message=[(call $f ^1=5 a=2)])\n" },
	/* expressions (§8.3) and their precedence (expr.c) */
	{ "/", ":put ($arr->0->\"x\")",
	  "(:/ put ^message=(index (index $arr 0) \"x\"))\n" },
	{ "/", ":set ($arr->\"k\") 5",
	  "(:/ set ^name=(index $arr \"k\") ^value=5)\n" },
	{ "/", ":put (!$a->\"k\")", "(:/ put ^message=(not (index $a \"k\")))\n" },
	{ "/", ":put (-$a * 2 + 3)",
	  "(:/ put ^message=(add (mul (neg $a) 2) 3))\n" },
	{ "/", ":put (1 + 2 * 3)", "(:/ put ^message=(add 1 (mul 2 3)))\n" },
	{ "/", ":put (\"a\" . \"b\" . $c)",
	  "(:/ put ^message=(concat (concat \"a\" \"b\") $c))\n" },
	{ "/", ":put (10.1.2.3 in 10.0.0.0/8)",
	  "(:/ put ^message=(in 10.1.2.3 10.0.0.0/8))\n" },
	{ "/", ":put (10.20.30.40 & 255.255.255.0)",
	  "(:/ put ^message=(bitand 10.20.30.40 255.255.255.0))\n" },
	{ "/", ":put ($a, 5)", "(:/ put ^message=(comma $a 5))\n" },
	{ "/", ":put (($a = 1) || $b != 2 && !$c)",
	  "(:/ put ^message=(or (eq $a 1) (and (ne $b 2) (not $c))))\n" },
	{ "/", ":put ($a << 2 >> 1)", "(:/ put ^message=(shr (shl $a 2) 1))\n" },
	{ "/", ":put (~$m)", "(:/ put ^message=(bitnot $m))\n" },
	{ "/", ":put (\"x\" ~ \"^x\")", "(:/ put ^message=(match \"x\" \"^x\"))\n" },
	{ "/", ":put ($s ^ 3 | 1)",
	  "(:/ put ^message=(bitor (bitxor $s 3) 1))\n" },
	{ "/", ":put ($a & 1 ^ 2)", "(:/ put ^message=(bitxor (bitand $a 1) 2))\n" },
	{ "/", ":put (10/2)", "(:/ put ^message=10/2)\n" },
	{ "/", ":put ($a - 1 - 2)", "(:/ put ^message=(sub (sub $a 1) 2))\n" },
	{ "/", ":put ($a % 3 / 2)", "(:/ put ^message=(div (mod $a 3) 2))\n" },
	{ "/", ":put ($a <= 1 and $b >= 2)",
	  "(:/ put ^message=(and (le $a 1) (ge $b 2)))\n" },
	{ "/", ":put (1 +\n  2)", "(:/ put ^message=(add 1 2))\n" },
	{ "/", ":put ([:len $x] + 1)",
	  "(:/ put ^message=(add [(:/ len ^value=$x)] 1))\n" },
	{ "/", ":put ($a, {1;2})", "(:/ put ^message=(comma $a {1;2}))\n" },
	{ "/", ":put (!!-~1)",
	  "(:/ put ^message=(not (not (neg (bitnot 1)))))\n" },
	/* arrays (§1.9) */
	{ "/", ":local a {1;2;3}", "(:/ local ^name=a ^value={1;2;3})\n" },
	{ "/", ":local a {k1=v1;k2=\"v 2\"}",
	  "(:/ local ^name=a ^value={k1=v1;k2=\"v 2\"})\n" },
	{ "/", ":local a {1;k=2}", "(:/ local ^name=a ^value={1;k=2})\n" },
	{ "/", ":local a {{1;2};{3;4}}",
	  "(:/ local ^name=a ^value={{1;2};{3;4}})\n" },
	{ "/", ":local a {\"aX\"=1}", "(:/ local ^name=a ^value={aX=1})\n" },
	{ "/", ":local a {k=}", "(:/ local ^name=a ^value={k=})\n" },
	{ "/", ":local a {\n  \"x\";\n  $y\n  [:len 1]\n}",
	  "(:/ local ^name=a ^value={\"x\";$y;[(:/ len ^value=1)]})\n" },
	/* strings (§1.6) */
	{ "/", ":put \"x $name y $[:len $x] z $($a * $b)\"",
	  "(:/ put ^message=\"x ${$name} y ${[(:/ len ^value=$x)]} z "
	  "${(mul $a $b)}\")\n" },
	{ "/", ":put \"$($\"rx-rate\")\"", "(:/ put ^message=\"${$rx-rate}\")\n" },
	{ "/", ":put \"\\48\\49\\r\\n\"", "(:/ put ^message=\"HI\\0D\\0A\")\n" },
	{ "/", ":put \"\"", "(:/ put ^message=\"\")\n" },
	{ "/", ":put \"a # b; c\"", "(:/ put ^message=\"a # b; c\")\n" },
	/* blocks and the current menu (§1.2) */
	{ "/", "{ :local a 1; :put $a }",
	  "{/ (:/ local ^name=a ^value=1) (:/ put ^message=$a)}\n" },
	{ "/", "/ip firewall filter { add chain=input; print }",
	  "{/ip/firewall/filter (/ip/firewall/filter add chain=input) "
	  "(/ip/firewall/filter print)}\n" },
	{ "/", "/system script { run a; run b; }",
	  "{/system/script (/system/script run ^number=a) (/system/script run "
	  "^number=b)}\n" },
	{ "/", "/ip\n{ /ip pool; add name=x }\naddress print",
	  "(cd /ip)\n{/ip (cd /ip/pool) (/ip/pool add name=x)}\n"
	  "(/ip/address print)\n" },
	{ "/", "/ip pool\n:if (1) do={ add name=y }\nprint",
	  "(cd /ip/pool)\n(:/ if ^condition=1 do={/ip/pool (/ip/pool add "
	  "name=y)})\n(/ip/pool print)\n" },
	/* comments only where a command starts (§1.7) */
	{ "/", "# c\n:put 1; # c2\n{ # c3\n:put 2 }\n  # c4",
	  "(:/ put ^message=1)\n{/ (:/ put ^message=2)}\n" },
	/* an export: sections, find, wrapped lines and values */
	{ "/", "# 2025-01-01 12:00:00 by RouterOS 7.21.5\r\n"
	  "# software id = ABCD-1234\r\n"
	  "#\r\n"
	  "/interface bridge\r\n"
	  "add admin-mac=AA:BB:CC:DD:EE:FF auto-mac=no comment=defconf "
	  "name=bridge\r\n"
	  "/interface ethernet\r\n"
	  "set [ find default-name=ether1 ] comment=WAN\r\n"
	  "/ip firewall filter\r\n"
	  "add action=accept chain=input comment=\"defconf: accept established,"
	  "related\" \\\r\n"
	  "    connection-state=established,related,untracked\r\n"
	  "add action=drop chain=input in-interface-list=!LAN\r\n"
	  "/system script\r\n"
	  "add dont-require-permissions=no name=hello owner=admin policy=\\\r\n"
	  "    ftp,reboot,read,write source=\":\\\r\n"
	  "    local a 1\\r\\\r\n"
	  "    \\n:put \\$a\"\r\n",
	  "(cd /interface/bridge)\n"
	  "(/interface/bridge add admin-mac=AA:BB:CC:DD:EE:FF auto-mac=no "
	  "comment=defconf name=bridge)\n"
	  "(cd /interface/ethernet)\n"
	  "(/interface/ethernet set ^numbers=[(/interface/ethernet find "
	  "^where=(eq default-name ether1))] comment=WAN)\n"
	  "(cd /ip/firewall/filter)\n"
	  "(/ip/firewall/filter add action=accept chain=input "
	  "comment=\"defconf: accept established,related\" "
	  "connection-state=established,related,untracked)\n"
	  "(/ip/firewall/filter add action=drop chain=input "
	  "in-interface-list=!LAN)\n"
	  "(cd /system/script)\n"
	  "(/system/script add dont-require-permissions=no name=hello "
	  "owner=admin policy=ftp,reboot,read,write "
	  "source=\":local a 1\\0D\\0A:put $a\")\n" },
};

START_TEST(test_ok)
{
	const struct ok_case *c = &ok_cases[_i];
	struct ast_node *n = parse_ok(c->src, c->cwd);
	char *got = render_script(n);

	ck_assert_msg(strcmp(got, c->want) == 0,
	    "input '%s'\n got: %s\nwant: %s", c->src, got, c->want);
	free(got);
	ast_free(n);
}
END_TEST

/* Every command line of the L2TP/IPsec road-warrior guide, verbatim. */
static const char seed_script[] =
    "/ip pool add name=l2tp-pool ranges=10.10.10.10-10.10.10.200\n"
    "/ppp profile add \\\n"
    "name=l2tp-prof \\\n"
    "local-address=10.10.10.1 \\\n"
    "remote-address=l2tp-pool \\\n"
    "use-encryption=yes \\\n"
    "dns-server=8.8.8.8,8.8.4.4\n"
    "/interface l2tp-server server set \\\n"
    "enabled=yes \\\n"
    "use-ipsec=require \\\n"
    "ipsec-secret=YourStrongPSK \\\n"
    "default-profile=l2tp-prof \\\n"
    "authentication=mschap2\n"
    "/ppp secret add name=user1 password=Pass1 service=l2tp "
    "profile=l2tp-prof\n"
    "/ppp secret add name=user2 password=Pass2 service=l2tp "
    "profile=l2tp-prof\n"
    "/ppp secret add name=user3 password=Pass3 service=l2tp "
    "profile=l2tp-prof\n"
    "# Enable NAT traversal on the default IPsec profile\n"
    "/ip ipsec profile set [find default=yes] nat-traversal=yes\n"
    "# Use port-strict policy generation so each NAT'd client gets its own "
    "Phase 2 policy\n"
    "/ip ipsec identity set [find] generate-policy=port-strict\n"
    "# Require a unique SA per traffic flow\n"
    "/ip ipsec policy set [find] level=unique\n"
    "/ip firewall filter\n"
    "add chain=input action=accept protocol=udp dst-port=500,4500 \\\n"
    "in-interface-list=WAN comment=\"L2TP/IPsec IKE and NAT-T\"\n"
    "add chain=input action=accept protocol=ipsec-esp \\\n"
    "in-interface-list=WAN comment=\"L2TP/IPsec ESP\"\n"
    "# Should show one SA per connected client\n"
    "/ip ipsec sa print\n"
    "# Should show one active PPP session per connected user\n"
    "/ppp active print\n"
    "# Check that policies are per-client (port-unique entries)\n"
    "/ip ipsec policy print\n"
    "/ip ipsec identity set [find] generate-policy=port-strict\n"
    "/ip ipsec policy set [find] level=unique\n"
    "/ip ipsec sa flush\n"
    "/ip ipsec profile set [find default=yes] dpd-interval=30s "
    "dpd-maximum-failures=5\n"
    "/ip ipsec identity print detail\n"
    "/system logging add topics=ipsec,!debug action=memory\n"
    "/system logging add topics=l2tp,!debug action=memory\n"
    "/log print follow where topics~\"ipsec|l2tp\"\n"
    "/system logging remove [find topics~\"ipsec\"]\n"
    "/system logging remove [find topics~\"l2tp\"]\n";

static const char seed_want[] =
    "(/ip/pool add name=l2tp-pool ranges=10.10.10.10-10.10.10.200)\n"
    "(/ppp/profile add name=l2tp-prof local-address=10.10.10.1 "
    "remote-address=l2tp-pool use-encryption=yes "
    "dns-server=8.8.8.8,8.8.4.4)\n"
    "(/interface/l2tp-server/server set enabled=yes use-ipsec=require "
    "ipsec-secret=YourStrongPSK default-profile=l2tp-prof "
    "authentication=mschap2)\n"
    "(/ppp/secret add name=user1 password=Pass1 service=l2tp "
    "profile=l2tp-prof)\n"
    "(/ppp/secret add name=user2 password=Pass2 service=l2tp "
    "profile=l2tp-prof)\n"
    "(/ppp/secret add name=user3 password=Pass3 service=l2tp "
    "profile=l2tp-prof)\n"
    "(/ip/ipsec/profile set ^numbers=[(/ip/ipsec/profile find "
    "^where=(eq default yes))] nat-traversal=yes)\n"
    "(/ip/ipsec/identity set ^numbers=[(/ip/ipsec/identity find)] "
    "generate-policy=port-strict)\n"
    "(/ip/ipsec/policy set ^numbers=[(/ip/ipsec/policy find)] "
    "level=unique)\n"
    "(cd /ip/firewall/filter)\n"
    "(/ip/firewall/filter add chain=input action=accept protocol=udp "
    "dst-port=500,4500 in-interface-list=WAN "
    "comment=\"L2TP/IPsec IKE and NAT-T\")\n"
    "(/ip/firewall/filter add chain=input action=accept protocol=ipsec-esp "
    "in-interface-list=WAN comment=\"L2TP/IPsec ESP\")\n"
    "(/ip/ipsec/installed-sa print)\n"
    "(/ppp/active print)\n"
    "(/ip/ipsec/policy print)\n"
    "(/ip/ipsec/identity set ^numbers=[(/ip/ipsec/identity find)] "
    "generate-policy=port-strict)\n"
    "(/ip/ipsec/policy set ^numbers=[(/ip/ipsec/policy find)] "
    "level=unique)\n"
    "(/ip/ipsec/installed-sa flush)\n"
    "(/ip/ipsec/profile set ^numbers=[(/ip/ipsec/profile find "
    "^where=(eq default yes))] dpd-interval=30s dpd-maximum-failures=5)\n"
    "(/ip/ipsec/identity print detail)\n"
    "(/system/logging add topics=ipsec,!debug action=memory)\n"
    "(/system/logging add topics=l2tp,!debug action=memory)\n"
    "(/log print follow where=(match topics \"ipsec|l2tp\"))\n"
    "(/system/logging remove ^numbers=[(/system/logging find "
    "^where=(match topics \"ipsec\"))])\n"
    "(/system/logging remove ^numbers=[(/system/logging find "
    "^where=(match topics \"l2tp\"))])\n";

START_TEST(test_seed_guide)
{
	struct ast_node *n = parse_ok(seed_script, "/");
	char *got = render_script(n);

	ck_assert_str_eq(got, seed_want);
	free(got);
	ast_free(n);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Malformed input: RouterOS message, line and column (§6.1)           */
/* ------------------------------------------------------------------ */

struct err_case {
	const char *cwd;
	const char *src;
	enum gr_err code;
	const char *msg;	/* formatted, with position */
	int incomplete;
};

static const struct err_case err_cases[] = {
	{ "/", "/ip adress print", GR_E_BADCMD,
	  "bad command name adress (line 1 column 5)", 0 },
	{ "/", "/nonsense/command", GR_E_SYNTAX,
	  "syntax error (line 1 column 10)", 0 },
	{ "/", "/nonsense command", GR_E_BADCMD,
	  "bad command name nonsense (line 1 column 2)", 0 },
	{ "/", "/ip/ipsec/nonsense/x", GR_E_SYNTAX,
	  "syntax error (line 1 column 19)", 0 },
	{ "/", "/ip/ipsec/nonsense", GR_E_BADCMD,
	  "bad command name nonsense (line 1 column 11)", 0 },
	{ "/", "/ip/address/print bogus=1", GR_E_END,
	  "expected end of command (line 1 column 19)", 0 },
	{ "/", "/ip/address/print bogus", GR_E_END,
	  "expected end of command (line 1 column 19)", 0 },
	/* a free positional slot takes the name, the '=' fails */
	{ "/", "/ip address set bogus=1", GR_E_END,
	  "expected end of command (line 1 column 22)", 0 },
	{ "/", ":put a=b", GR_E_END,
	  "expected end of command (line 1 column 7)", 0 },
	{ "/", ":local x=5", GR_E_END,
	  "expected end of command (line 1 column 9)", 0 },
	{ "/", "[find where x=1]", GR_E_END,
	  "expected end of command (line 1 column 14)", 0 },
	{ "/", "/ip address add address=1.1.1.1/24 interface=ether1 # note",
	  GR_E_END, "expected end of command (line 1 column 53)", 0 },
	{ "/", "Foo", GR_E_CMDNAME, "expected command name (line 1 column 1)", 0 },
	{ "/", "/IP address", GR_E_CMDNAME,
	  "expected command name (line 1 column 2)", 0 },
	{ "/", "/ip address \"x\"", GR_E_CMDNAME,
	  "expected command name (line 1 column 13)", 0 },
	{ "/", "name=value", GR_E_CMDNAME,
	  "expected command name (line 1 column 1)", 0 },
	{ "/", "= x", GR_E_CMDNAME, "expected command name (line 1 column 1)", 0 },
	{ "/", "}", GR_E_CMDNAME, "expected command name (line 1 column 1)", 0 },
	{ "/", "-x", GR_E_CMDNAME, "expected command name (line 1 column 1)", 0 },
	{ "/", ".role=x", GR_E_CMDNAME,
	  "expected command name (line 1 column 1)", 0 },
	{ "/", ":", GR_E_CMDNAME, "expected command name (line 1 column 2)", 0 },
	{ "/", "1bad", GR_E_BADCMD, "bad command name 1bad (line 1 column 1)", 0 },
	{ "/", ":put 1 }", GR_E_END,
	  "expected end of command (line 1 column 8)", 0 },
	{ "/", ":put 1 )", GR_E_END,
	  "expected end of command (line 1 column 8)", 0 },
	{ "/", "/ip address print detail extra", GR_E_END,
	  "expected end of command (line 1 column 26)", 0 },
	{ "/", "/ip route add gateway = 1.1.1.1", GR_E_END,
	  "expected end of command (line 1 column 15)", 0 },
	{ "/", "/system note set note= show-at-login=yes", GR_E_END,
	  "expected end of command (line 1 column 37)", 0 },
	{ "/", "/ip address add address=1.2.3.4 =5", GR_E_END,
	  "expected end of command (line 1 column 33)", 0 },
	/* ambiguous prefixes are unknown words */
	{ "/", "/ip d print", GR_E_BADCMD, "bad command name d (line 1 column 5)",
	  0 },
	{ "/", "/ip address re 0", GR_E_BADCMD,
	  "bad command name re (line 1 column 13)", 0 },
	{ "/", "/ip address print w", GR_E_END,
	  "expected end of command (line 1 column 19)", 0 },
	/* commands are looked up only in the addressed menu */
	{ "/ip", "put x", GR_E_BADCMD, "bad command name put (line 1 column 1)",
	  0 },
	{ "/", "/ip ipsec s print", GR_E_BADCMD,
	  "bad command name s (line 1 column 11)", 0 },
	{ "/", "/routing bgp connection add .role=x", GR_E_END,
	  "expected end of command (line 1 column 29)", 0 },
	/* lexical errors */
	{ "/", ":put ?", GR_E_SYNTAX, "syntax error (line 1 column 6)", 0 },
	{ "/", "?", GR_E_SYNTAX, "syntax error (line 1 column 1)", 0 },
	{ "/", ":put 'x'", GR_E_SYNTAX, "syntax error (line 1 column 6)", 0 },
	{ "/", ":put a \\ b", GR_E_SYNTAX, "syntax error (line 1 column 8)", 0 },
	{ "/", ":put $my_var", GR_E_END,
	  "expected end of command (line 1 column 9)", 0 },
	{ "/", "$", GR_E_SYNTAX, "syntax error (line 1 column 1)", 0 },
	{ "/", ":put \"$\"", GR_E_SYNTAX, "syntax error (line 1 column 7)", 0 },
	{ "/", ":put \"\\q\"", GR_E_SYNTAX, "syntax error (line 1 column 7)", 0 },
	{ "/", ":put \"\\4G\"", GR_E_SYNTAX, "syntax error (line 1 column 7)", 0 },
	{ "/", ":put $\"\"", GR_E_SYNTAX, "syntax error (line 1 column 8)", 0 },
	/* values and expressions */
	{ "/", ":put {}", GR_E_SYNTAX, "syntax error (line 1 column 7)", 0 },
	{ "/", ":put { }", GR_E_SYNTAX, "syntax error (line 1 column 8)", 0 },
	{ "/", ":local a {1 2}", GR_E_SYNTAX, "syntax error (line 1 column 13)",
	  0 },
	{ "/", ":put []", GR_E_SYNTAX, "syntax error (line 1 column 7)", 0 },
	{ "/", ":put (1 2)", GR_E_SYNTAX, "syntax error (line 1 column 9)", 0 },
	{ "/", ":put ()", GR_E_SYNTAX, "syntax error (line 1 column 7)", 0 },
	{ "/", ":put (1 + )", GR_E_SYNTAX, "syntax error (line 1 column 11)", 0 },
	{ "/", ":put ($a->)", GR_E_SYNTAX, "syntax error (line 1 column 11)", 0 },
	{ "/", ":put [:put 1; :put 2]", GR_E_END,
	  "expected end of command (line 1 column 15)", 0 },
	{ "/", "/ip address print where", GR_E_WHERE,
	  "missing value for where (line 1 column 24)", 0 },
	{ "/", "/ip pool find where", GR_E_WHERE,
	  "missing value for where (line 1 column 20)", 0 },
	{ "/", ":put [/ip pool find where]", GR_E_WHERE,
	  "missing value for where (line 1 column 26)", 0 },
	{ "/", "/ip pool print where name=", GR_E_SYNTAX,
	  "syntax error (line 1 column 27)", 0 },
	{ "/", "/ip pool print where name=x)", GR_E_END,
	  "expected end of command (line 1 column 28)", 0 },
	{ "/", ":if (1) do={ :put 1 } else={ :put 2 } extra", GR_E_END,
	  "expected end of command (line 1 column 39)", 0 },
	{ "/", "{ :put 1 } :put 2", GR_E_END,
	  "expected end of command (line 1 column 12)", 0 },
	{ "/", "$f a b=c )", GR_E_END,
	  "expected end of command (line 1 column 10)", 0 },
	/* positions: later lines, CR LF, joined lines, lines in strings */
	{ "/", "/ip address print\r\n/ip adress print\r\n", GR_E_BADCMD,
	  "bad command name adress (line 2 column 5)", 0 },
	{ "/", "/ip firewall filter\nadd chain=input \\\n    bogus=1",
	  GR_E_END, "expected end of command (line 3 column 17)", 0 },
	{ "/", "/ip firewall filter\r\nadd chain=input \\\r\n"
	  "    comment=\"a \\\r\n    b\" bogus=1", GR_E_END,
	  "expected end of command (line 4 column 31)", 0 },
	{ "/", ":put \"a\nb\" x", GR_E_END,
	  "expected end of command (line 2 column 4)", 0 },
	{ "/", "{\n  :put 1\n  /ip adress\n}", GR_E_BADCMD,
	  "bad command name adress (line 3 column 7)", 0 },
	{ "/", "\t:put 1\n\t\t/ip\tadress", GR_E_BADCMD,
	  "bad command name adress (line 2 column 7)", 0 },
	/* unfinished input: an interactive reader asks for more */
	{ "/", "{", GR_E_BRACE, "missing closing brace (line 1 column 2)", 1 },
	{ "/", ":if (1) do={", GR_E_BRACE,
	  "missing closing brace (line 1 column 13)", 1 },
	{ "/", "{\n:put 1\n", GR_E_BRACE,
	  "missing closing brace (line 3 column 1)", 1 },
	{ "/", ":local a {1;2", GR_E_BRACE,
	  "missing closing brace (line 1 column 14)", 1 },
	{ "/", ":put (1 +", GR_E_SYNTAX, "syntax error (line 1 column 10)", 1 },
	{ "/", "\n\n  :put (1 +\n 2", GR_E_SYNTAX,
	  "syntax error (line 4 column 3)", 1 },
	{ "/", ":put [find", GR_E_SYNTAX, "syntax error (line 1 column 11)", 1 },
	{ "/", ":put [/ip pool find where", GR_E_WHERE,
	  "missing value for where (line 1 column 26)", 1 },
	{ "/", ":put \"abc", GR_E_SYNTAX, "syntax error (line 1 column 10)", 1 },
	{ "/", ":put \"a$[:put 1", GR_E_SYNTAX,
	  "syntax error (line 1 column 16)", 1 },
	{ "/", "/ip address add \\", GR_E_SYNTAX,
	  "syntax error (line 1 column 18)", 1 },
	{ "/", "/ip address add \\\n", GR_E_SYNTAX,
	  "syntax error (line 2 column 17)", 1 },
	{ "/", "/ip ?", GR_E_SYNTAX, "syntax error (line 1 column 5)", 0 },
	{ "/", "$\"a$b\" x", GR_E_SYNTAX, "syntax error (line 1 column 4)", 0 },
	/* too deep */
	{ "/", "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{",
	  GR_E_TOOBIG, "too deeply nested (line 1 column 65)", 0 },
	{ "/", ":put ((((((((((((((((((((((((((((((((((((((((((((((((((((("
	  "((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))"
	  ")))))))))))))", GR_E_TOOBIG, "too deeply nested (line 1 column 70)",
	  0 },
};

START_TEST(test_err)
{
	const struct err_case *c = &err_cases[_i];
	struct gr_opts o = { c->cwd, 0 };
	struct gr_error e;
	int inc = -1;
	struct ast_node *n = gr_parse(c->src, strlen(c->src), &o, &e, &inc);
	char msg[300];

	gr_error_format(&e, msg, sizeof(msg));
	ck_assert_msg(n == NULL, "'%s' parsed", c->src);
	ck_assert_msg(strcmp(msg, c->msg) == 0, "'%s'\n got: %s\nwant: %s",
	    c->src, msg, c->msg);
	ck_assert_int_eq(e.code, c->code);
	ck_assert_int_eq(inc, c->incomplete);
}
END_TEST

/* ------------------------------------------------------------------ */
/* AST details the engine relies on                                    */
/* ------------------------------------------------------------------ */

/* Expression trees are bounded in height, not only in brackets. */
START_TEST(test_expr_height)
{
	char src[2048];
	size_t len = 0;
	struct gr_error e;
	struct ast_node *n;
	int i;

	len += (size_t)snprintf(src, sizeof(src), ":put (1");
	for (i = 0; i < 300; i++)
		len += (size_t)snprintf(src + len, sizeof(src) - len, "+1");
	len += (size_t)snprintf(src + len, sizeof(src) - len, ")");
	n = gr_parse(src, len, NULL, &e, NULL);
	ck_assert_ptr_null(n);
	ck_assert_int_eq(e.code, GR_E_TOOBIG);
	/* the 256th '+' makes the tree 257 high */
	ck_assert_int_eq(e.col, 2 * 256 + 6);
	/* 255 operators are fine */
	src[6 + 1 + 2 * 255] = ')';
	n = gr_parse(src, 6 + 2 + 2 * 255, NULL, &e, NULL);
	ck_assert_ptr_nonnull(n);
	ast_free(n);
}
END_TEST

START_TEST(test_positions)
{
	const char *src = "/ip firewall filter\nadd chain=input \\\n"
	    "    action=drop comment=\"x\"";
	struct ast_node *n = parse_ok(src, "/");
	const struct ast_node *c;

	ck_assert_int_eq(n->nkids, 2);
	c = n->kids[1];
	ck_assert_int_eq(c->type, AST_CMD);
	ck_assert_int_eq(c->line, 2);
	ck_assert_int_eq(c->col, 1);
	ck_assert_int_eq(c->nargs, 3);
	ck_assert_str_eq(c->args[0].name, "chain");
	ck_assert_int_eq(c->args[0].line, 2);
	ck_assert_int_eq(c->args[0].col, 5);
	ck_assert_int_eq(c->args[0].value->col, 11);
	/* the joined line goes on at column 17 */
	ck_assert_int_eq(c->args[1].line, 3);
	ck_assert_int_eq(c->args[1].col, 17);
	ck_assert_int_eq(c->args[2].col, 29);
	ck_assert_int_eq(c->args[2].value->type, AST_STR);
	ck_assert_int_eq(c->args[2].value->col, 37);
	ast_free(n);
}
END_TEST

/* Strings keep their bytes, NULs included; quoting is visible. */
START_TEST(test_strings)
{
	const char src[] = ":put \"a\\00b\"; :put ab; :put \"\"";
	struct ast_node *n = parse_ok(src, "/");
	const struct ast_node *v;

	ck_assert_int_eq(n->nkids, 3);
	v = n->kids[0]->args[0].value;
	ck_assert_int_eq(v->type, AST_STR);
	ck_assert_int_eq(v->nkids, 1);
	ck_assert_int_eq(v->kids[0]->type, AST_WORD);
	ck_assert_uint_eq(v->kids[0]->textlen, 3);
	ck_assert_int_eq(memcmp(v->kids[0]->text, "a\0b", 4), 0);
	ck_assert_ptr_eq(v->text, v->kids[0]->text);
	ck_assert_uint_eq(v->textlen, 3);
	v = n->kids[1]->args[0].value;
	ck_assert_int_eq(v->type, AST_WORD);
	ck_assert_str_eq(v->text, "ab");
	v = n->kids[2]->args[0].value;
	ck_assert_int_eq(v->type, AST_STR);
	ck_assert_int_eq(v->nkids, 1);
	ck_assert_uint_eq(v->kids[0]->textlen, 0);
	ck_assert_str_eq(v->kids[0]->text, "");
	ast_free(n);
	/* with a substitution the string has no text of its own */
	n = parse_ok(":put \"a$b\"", "/");
	v = n->kids[0]->args[0].value;
	ck_assert_int_eq(v->nkids, 2);
	ck_assert_ptr_null(v->text);
	ck_assert_int_eq(v->kids[1]->type, AST_VAR);
	ast_free(n);
}
END_TEST

START_TEST(test_args_flags)
{
	struct ast_node *n = parse_ok(
	    "/ip firewall filter set 1 !comment disabled=yes", "/");
	const struct ast_node *c = n->kids[0];

	ck_assert_int_eq(c->nargs, 3);
	ck_assert_str_eq(c->args[0].name, "numbers");
	ck_assert_int_eq(c->args[0].positional, 1);
	ck_assert_int_eq(c->args[0].negated, 0);
	ck_assert_str_eq(c->args[1].name, "comment");
	ck_assert_int_eq(c->args[1].negated, 1);
	ck_assert_ptr_null(c->args[1].value);
	ck_assert_str_eq(c->args[2].name, "disabled");
	ck_assert_int_eq(c->args[2].positional, 0);
	ck_assert_int_eq(c->cmd_prefixed, 0);
	ast_free(n);
}
END_TEST

/* The result is usable with no terminator after len. */
START_TEST(test_length_bound)
{
	const char src[] = { ':', 'p', 'u', 't', ' ', '1', 'x', '"' };
	struct gr_error e;
	struct ast_node *n = gr_parse(src, 6, NULL, &e, NULL);

	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->path, "/");
	ck_assert_str_eq(n->kids[0]->args[0].value->text, "1");
	ast_free(n);
	ck_assert_ptr_null(gr_parse(src, sizeof(src), NULL, &e, NULL));
	n = gr_parse(NULL, 0, NULL, &e, NULL);
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nkids, 0);
	ast_free(n);
	/* a cwd rosh does not know is the root */
	{
		struct gr_opts o = { "/no/such/menu", 0 };

		n = gr_parse("print", 5, &o, &e, NULL);
		ck_assert_ptr_null(n);
		ck_assert_int_eq(e.code, GR_E_BADCMD);
	}
}
END_TEST

/* Typed lines: '#' is chat, not a comment (§1.7). */
START_TEST(test_interactive)
{
	struct gr_opts o = { "/", 1 };
	struct gr_error e;
	int inc = -1;

	ck_assert_ptr_null(gr_parse("# hi", 4, &o, &e, &inc));
	ck_assert_int_eq(e.code, GR_E_CMDNAME);
	ck_assert_int_eq(inc, 0);
	ck_assert_ptr_null(gr_parse(":put {", 6, &o, &e, &inc));
	ck_assert_int_eq(inc, 1);
}
END_TEST

START_TEST(test_op_names)
{
	ck_assert_str_eq(ast_op_name(OP_ADD), "add");
	ck_assert_str_eq(ast_op_name(OP_JUXT), "juxt");
	ck_assert_str_eq(ast_op_name(OP_BITNOT), "bitnot");
	ck_assert_str_eq(ast_op_name(OP_MATCH), "match");
	ck_assert_str_eq(ast_op_name((enum ast_op)999), "?");
}
END_TEST

START_TEST(test_error_format)
{
	struct gr_error e = { GR_E_BADCMD, 3, 7, "bad command name x" };
	char buf[64];

	gr_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf, "bad command name x (line 3 column 7)");
	gr_error_format(&e, buf, 12);
	ck_assert_str_eq(buf, "bad command");
	e.line = 0;
	gr_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf, "bad command name x");
	e.code = GR_OK;
	gr_error_format(&e, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	gr_error_format(NULL, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
}
END_TEST

/* One ast_free releases a whole result, however deep (LSan checks). */
START_TEST(test_free)
{
	char *src = malloc(200000);
	struct ast_node *n;
	size_t i, len = 0;

	ck_assert_ptr_nonnull(src);
	ast_free(NULL);
	len += (size_t)sprintf(src, ":put (1");
	for (i = 0; i < 250; i++)
		len += (size_t)sprintf(src + len, " + %zu", i);
	len += (size_t)sprintf(src + len, ")\n:put [:len {1;{2;{3}}}]");
	n = gr_parse(src, len, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->nkids, 2);
	ast_free(n);
	free(src);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Streaming                                                           */
/* ------------------------------------------------------------------ */

START_TEST(test_stream)
{
	const char *src = "/ip firewall filter\nadd chain=input\n"
	    "{ /ip pool; add name=x }\n"
	    ":put [find]\n..\n";
	struct gr_opts o = { "/", 0 };
	struct gr_stream *s = gr_stream_new(src, strlen(src), &o);
	static const char *const want[] = {
		"(cd /ip/firewall/filter)",
		"(/ip/firewall/filter add chain=input)",
		"{/ip/firewall/filter (cd /ip/pool) (/ip/pool add name=x)}",
		"(:/ put ^message=[(/ip/firewall/filter find)])",
		"(cd /ip/firewall)",
	};
	static const char *const cwd[] = {
		"/ip/firewall/filter", "/ip/firewall/filter",
		"/ip/firewall/filter", "/ip/firewall/filter", "/ip/firewall",
	};
	struct gr_error e;
	int eof = -1;
	size_t i;

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(gr_stream_cwd(s), "/");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct ast_node *n = gr_stream_next(s, &e, &eof);
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);

		ck_assert_ptr_nonnull(n);
		ck_assert_int_eq(eof, 0);
		ck_assert_int_eq(e.code, GR_OK);
		render(f, n);
		fclose(f);
		ck_assert_str_eq(out, want[i]);
		ck_assert_str_eq(gr_stream_cwd(s), cwd[i]);
		free(out);
		ast_free(n);
	}
	ck_assert_ptr_null(gr_stream_next(s, &e, &eof));
	ck_assert_int_eq(eof, 1);
	ck_assert_int_eq(e.code, GR_OK);
	ck_assert_ptr_null(gr_stream_next(s, &e, &eof));
	ck_assert_int_eq(eof, 1);
	gr_stream_free(s);
	gr_stream_free(NULL);
}
END_TEST

START_TEST(test_stream_error)
{
	const char *src = ":put 1\n:put 2 x\n:put 3\n";
	struct gr_stream *s = gr_stream_new(src, strlen(src), NULL);
	struct gr_error e;
	struct ast_node *n;
	int eof = -1;

	n = gr_stream_next(s, &e, &eof);
	ck_assert_ptr_nonnull(n);
	ast_free(n);
	ck_assert_ptr_null(gr_stream_next(s, &e, &eof));
	ck_assert_int_eq(eof, 1);
	ck_assert_int_eq(e.code, GR_E_END);
	ck_assert_int_eq(e.line, 2);
	ck_assert_int_eq(e.col, 8);
	ck_assert_int_eq(gr_stream_incomplete(s), 0);
	/* the error is final */
	memset(&e, 0, sizeof(e));
	ck_assert_ptr_null(gr_stream_next(s, &e, &eof));
	ck_assert_int_eq(eof, 1);
	ck_assert_int_eq(e.code, GR_E_END);
	gr_stream_free(s);

	s = gr_stream_new(":put (", 6, NULL);
	ck_assert_ptr_null(gr_stream_next(s, &e, &eof));
	ck_assert_int_eq(e.code, GR_E_SYNTAX);
	ck_assert_int_eq(gr_stream_incomplete(s), 1);
	gr_stream_free(s);
}
END_TEST

/* Many statements: each one is its own allocation, freed alone. */
START_TEST(test_stream_many)
{
	size_t n = 20000, len = 0, i, got = 0;
	char *src = malloc(n * 40 + 40);
	struct gr_stream *s;
	struct gr_error e;
	struct ast_node *a;
	int eof = 0;

	ck_assert_ptr_nonnull(src);
	len += (size_t)sprintf(src, "/ip firewall address-list\n");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(src + len,
		    "add list=x address=10.0.%zu.%zu\n", i / 256, i % 256);
	s = gr_stream_new(src, len, NULL);
	while ((a = gr_stream_next(s, &e, &eof)) != NULL) {
		if (got == n) {
			ck_assert_int_eq(a->type, AST_CMD);
			ck_assert_str_eq(a->args[1].value->text, "10.0.78.31");
		}
		got++;
		ast_free(a);
	}
	ck_assert_int_eq(e.code, GR_OK);
	ck_assert_uint_eq(got, n + 1);
	gr_stream_free(s);
	free(src);
}
END_TEST

static Suite *
parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc;

	tc = tcase_create("valid");
	tcase_add_loop_test(tc, test_ok, 0,
	    sizeof(ok_cases) / sizeof(ok_cases[0]));
	tcase_add_test(tc, test_seed_guide);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_err, 0,
	    sizeof(err_cases) / sizeof(err_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("ast");
	tcase_add_test(tc, test_expr_height);
	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_args_flags);
	tcase_add_test(tc, test_length_bound);
	tcase_add_test(tc, test_interactive);
	tcase_add_test(tc, test_op_names);
	tcase_add_test(tc, test_error_format);
	tcase_add_test(tc, test_free);
	suite_add_tcase(s, tc);

	tc = tcase_create("stream");
	tcase_add_test(tc, test_stream);
	tcase_add_test(tc, test_stream_error);
	tcase_add_test(tc, test_stream_many);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(parser_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
