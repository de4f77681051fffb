/*
 * check_lexer.c - tokens, escapes, continuations and positions
 * (grammar/lexer.c).
 *
 * Each case lexes a whole input in one mode and compares a rendering of
 * the token stream: kind, text in <>, then @line:col.  Quoted strings
 * are followed part by part; inside $[ ] and $( ) the outer mode goes on
 * until the closing bracket.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_local.h"

static const char *const kind_names[] = {
	[TK_EOF] = "eof", [TK_NL] = "nl", [TK_SEMI] = "semi",
	[TK_WORD] = "word", [TK_QUOTE] = "quote", [TK_VAR] = "var",
	[TK_QVAR] = "qvar", [TK_LBRACE] = "{", [TK_RBRACE] = "}",
	[TK_LBRACK] = "[", [TK_RBRACK] = "]", [TK_LPAREN] = "(",
	[TK_RPAREN] = ")", [TK_EQ] = "eq", [TK_SLASH] = "slash",
	[TK_COLON] = "colon", [TK_OP] = "op", [TK_OTHER] = "other",
	[TK_ERROR] = "error", [TK_STR_LIT] = "lit", [TK_STR_VAR] = "svar",
	[TK_STR_SUBST] = "$[", [TK_STR_EXPR] = "$(", [TK_STR_END] = "end",
};

static void
put_text(FILE *f, const char *s, size_t n)
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
put_tok(FILE *f, const struct lx *lx, const struct lx_tok *t)
{
	fprintf(f, "%s", kind_names[t->kind]);
	if (t->kind == TK_OP)
		fprintf(f, ":%s", ast_op_name(t->op));
	if (t->text != NULL) {
		fputc('<', f);
		put_text(f, t->text, t->len);
		fputc('>', f);
	}
	if (t->eq)
		fputc('=', f);
	if (t->kind == TK_ERROR)
		fprintf(f, "{%s}@%d:%d%s", lx->err.msg, lx->err.line,
		    lx->err.col, lx->incomplete ? "+" : "");
	else
		fprintf(f, "@%d:%d", t->line, t->col);
}

/* Render all tokens of src lexed in mode with flags; caller frees. */
static char *
lex_all(const char *src, size_t len, enum lx_mode mode, unsigned flags,
    int interactive)
{
	struct lx lx;
	struct lx_tok t;
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	int instr = 0, nest = 0, n;

	ck_assert_ptr_nonnull(f);
	lx_init(&lx, src, len, interactive);
	for (n = 0; n < 1000; n++) {
		if (instr && nest == 0)
			lx_str_next(&lx, &t);
		else
			lx_next(&lx, mode, flags, &t);
		if (n > 0)
			fputc(' ', f);
		put_tok(f, &lx, &t);
		if (t.kind == TK_EOF || t.kind == TK_ERROR)
			break;
		if ((t.kind == TK_QUOTE || t.kind == TK_QVAR) && !instr)
			instr = 1;
		else if (t.kind == TK_STR_END)
			instr = 0;
		else if (t.kind == TK_STR_SUBST || t.kind == TK_STR_EXPR)
			nest++;
		else if (nest > 0 && (t.kind == TK_RBRACK ||
		    t.kind == TK_RPAREN))
			nest--;
	}
	lx_fini(&lx);
	fclose(f);
	return out;
}

struct lex_case {
	const char *src;
	enum lx_mode mode;
	unsigned flags;
	const char *want;
};

#define ARG	LX_ARG, 0
#define CMD	LX_CMD, LX_F_STMT
#define OPND	LX_OPERAND, 0
#define OPTR	LX_OPERATOR, 0

static const struct lex_case lex_cases[] = {
	/* words and name=value */
	{ "add list=x address=10.0.0.1", ARG,
	  "word<add>@1:1 word<list>=@1:5 eq@1:9 word<x>@1:10 "
	  "word<address>=@1:12 eq@1:19 word<10.0.0.1>@1:20 eof@1:28" },
	/* §1.5: the whole bare charset, and what it does not take */
	{ "aZ0-.,:<>/|+_*&^%#@!~ x", ARG,
	  "word<aZ0-.,:<>/|+_*&^%#@!~>@1:1 word<x>@1:23 eof@1:24" },
	{ "a;b{c}d[e]f(g)h", ARG,
	  "word<a>@1:1 semi@1:2 word<b>@1:3 {@1:4 word<c>@1:5 }@1:6 "
	  "word<d>@1:7 [@1:8 word<e>@1:9 ]@1:10 word<f>@1:11 (@1:12 "
	  "word<g>@1:13 )@1:14 word<h>@1:15 eof@1:16" },
	{ "x 'y' `z` \xc3\xa9", ARG,
	  "word<x>@1:1 other<'>@1:3 word<y>@1:4 other<'>@1:5 other<`>@1:7 "
	  "word<z>@1:8 other<`>@1:9 other<\\C3>@1:11 other<\\A9>@1:12 "
	  "eof@1:13" },
	/* §1.7: # is a value here, a comment only where a command starts */
	{ "log-prefix=#DROP # note", ARG,
	  "word<log-prefix>=@1:1 eq@1:11 word<#DROP>@1:12 word<#>@1:18 "
	  "word<note>@1:20 eof@1:24" },
	{ "# comment \\\n/ip/address print", CMD,
	  "nl@1:12 slash@2:1 word<ip>@2:2 slash@2:4 word<address>@2:5 "
	  "word<print>@2:13 eof@2:18" },
	{ "  #x\n:put", CMD, "nl@1:5 colon@2:1 word<put>@2:2 eof@2:5" },
	{ "#only", CMD, "eof@1:6" },
	{ "ip#x", CMD, "word<ip#x>@1:1 eof@1:5" },
	/* line ends: LF, CR LF, CR; lines count physically */
	{ "a\r\nb\rc\nd", ARG,
	  "word<a>@1:1 nl@1:2 word<b>@2:1 nl@2:2 word<c>@3:1 nl@3:2 "
	  "word<d>@4:1 eof@4:2" },
	{ "\n\n  x", ARG, "nl@1:1 nl@2:1 word<x>@3:3 eof@3:4" },
	/* §1.8: continuation, columns in the joined line */
	{ "add \\\n    b=1 c", ARG,
	  "word<add>@1:1 word<b>=@2:5 eq@2:6 word<1>@2:7 word<c>@2:9 "
	  "eof@2:10" },
	{ "add \\\r\n  b \\\r  c", ARG,
	  "word<add>@1:1 word<b>@2:5 word<c>@3:7 eof@3:8" },
	{ "a \\  \t\n b", ARG, "word<a>@1:1 word<b>@2:3 eof@2:4" },
	{ "inp\\\n   ut=x", ARG,
	  "word<input>=@1:1 eq@2:6 word<x>@2:7 eof@2:8" },
	{ "x=\\\n  \\\n  y", ARG,
	  "word<x>=@1:1 eq@1:2 word<y>@3:3 eof@3:4" },
	/* stray backslash, backslash at the end */
	{ "a \\ b", ARG, "word<a>@1:1 error{syntax error}@1:3" },
	{ "a \\", ARG, "word<a>@1:1 error{syntax error}@1:4+" },
	{ "a \\\n", ARG, "word<a>@1:1 error{syntax error}@2:3+" },
	{ "ab\\ c", ARG, "word<ab>@1:1 error{syntax error}@1:3" },
	{ "ab\\", ARG, "error{syntax error}@1:4+" },
	/* unquoted ? */
	{ "print ?", ARG, "word<print>@1:1 error{syntax error}@1:7" },
	/* variables */
	{ "$a $Ab1 $1 $\"my-var\"", ARG,
	  "var<a>@1:1 var<Ab1>@1:4 var<1>@1:9 qvar@1:12 lit<my-var>@1:14 "
	  "end@1:20 eof@1:21" },
	{ "$my_var", ARG, "var<my>@1:1 word<_var>@1:4 eof@1:8" },
	{ "$ x", ARG, "error{syntax error}@1:1" },
	{ "$[x]", ARG, "error{syntax error}@1:1" },
	/* menu words stop at '/' */
	{ "/ip/firewall/filter/", CMD,
	  "slash@1:1 word<ip>@1:2 slash@1:4 word<firewall>@1:5 slash@1:13 "
	  "word<filter>@1:14 slash@1:20 eof@1:21" },
	{ "..//..", CMD,
	  "word<..>@1:1 slash@1:3 slash@1:4 word<..>@1:5 eof@1:7" },
	{ "x=1", CMD, "word<x>=@1:1 other<=>@1:2 word<1>@1:3 eof@1:4" },
	/* quoted strings (§1.6) */
	{ "\"\"", ARG, "quote@1:1 end@1:2 eof@1:3" },
	{ "\"a b#c\"x", ARG,
	  "quote@1:1 lit<a b#c>@1:2 end@1:7 word<x>@1:8 eof@1:9" },
	{ "\"\\\"\\\\\\n\\r\\t\\$\\?\\_\\a\\b\\f\\v\"", ARG,
	  "quote@1:1 lit<\"\\5C\\0A\\0D\\09$? \\07\\08\\0C\\0B>@1:2 "
	  "end@1:26 eof@1:27" },
	{ "\"\\48\\49\\00\\ff\\Fa\\7E\"", ARG,
	  "quote@1:1 lit<HI\\00\\0Cf\\FA~>@1:2 end@1:20 eof@1:21" },
	{ "\"?#;{}[]()='\"", ARG,
	  "quote@1:1 lit<?#;{}[]()='>@1:2 end@1:13 eof@1:14" },
	{ "\"\xc3\xa9\"", ARG, "quote@1:1 lit<\\C3\\A9>@1:2 end@1:4 eof@1:5" },
	/* continuation inside a string, also after an escape */
	{ "\"abc\\\n    def\"", ARG,
	  "quote@1:1 lit<abcdef>@1:2 end@2:8 eof@2:9" },
	{ "\"a\\\\\\\n  b\"", ARG,
	  "quote@1:1 lit<a\\5Cb>@1:2 end@2:6 eof@2:7" },
	/* an escaped backslash before a line end is no continuation */
	{ "\"a\\\\\nb\"", ARG,
	  "quote@1:1 lit<a\\5C\\0Ab>@1:2 end@2:2 eof@2:3" },
	{ "\"a\r\nb\"", ARG, "quote@1:1 lit<a\\0Ab>@1:2 end@2:2 eof@2:3" },
	/* bad escapes */
	{ "\"ab\\q\"", ARG, "quote@1:1 error{syntax error}@1:4" },
	{ "\"\\4G\"", ARG, "quote@1:1 error{syntax error}@1:2" },
	{ "\"\\a\\e\"", ARG, "quote@1:1 error{syntax error}@1:4" },
	{ "\"\\4\\\n1\"", ARG, "quote@1:1 error{syntax error}@1:2" },
	{ "\"abc", ARG, "quote@1:1 error{syntax error}@1:5+" },
	{ "\"abc\\", ARG, "quote@1:1 error{syntax error}@1:6+" },
	/* substitutions inside strings */
	{ "\"x $name y $[ :put 1 ] z $(1+2)\"", ARG,
	  "quote@1:1 lit<x >@1:2 svar<name>@1:4 lit< y >@1:9 $[@1:12 "
	  "word<:put>@1:15 word<1>@1:20 ]@1:22 lit< z >@1:23 $(@1:26 "
	  "word<1+2>@1:28 )@1:31 end@1:32 eof@1:33" },
	{ "\"$\"", ARG, "quote@1:1 error{syntax error}@1:2" },
	{ "\"cost $ 5\"", ARG,
	  "quote@1:1 lit<cost >@1:2 error{syntax error}@1:7" },
	{ "\"\\$5\"", ARG, "quote@1:1 lit<$5>@1:2 end@1:5 eof@1:6" },
	/* expressions: operands */
	{ "!a -b ~c *1A .id ::1 10.0.0.0/8", OPND,
	  "op:not@1:1 word<a>@1:2 op:neg@1:4 word<b>@1:5 op:bitnot@1:7 "
	  "word<c>@1:8 word<*1A>@1:10 word<.id>@1:14 word<::1>@1:18 "
	  "word<10.0.0.0/8>@1:22 eof@1:32" },
	/* expressions: operators, longest first */
	{ "&& || << >> <= >= != -> = < > ~ & | ^ + - * / % . , !", OPTR,
	  "op:and@1:1 op:or@1:4 op:shl@1:7 op:shr@1:10 op:le@1:13 "
	  "op:ge@1:16 op:ne@1:19 op:index@1:22 op:eq@1:25 op:lt@1:27 "
	  "op:gt@1:29 op:match@1:31 op:bitand@1:33 op:bitor@1:35 "
	  "op:bitxor@1:37 op:add@1:39 op:sub@1:41 op:mul@1:43 op:div@1:45 "
	  "op:mod@1:47 op:concat@1:49 op:comma@1:51 op:not@1:53 eof@1:54" },
	{ "and x", OPTR, "word<and>@1:1 word<x>@1:5 eof@1:6" },
	/* operand words keep - . / : but stop before -> and , */
	{ "dst-address->0", OPTR,
	  "word<dst-address>@1:1 op:index@1:12 word<0>@1:14 eof@1:15" },
	{ "500,4500", OPND,
	  "word<500>@1:1 op:comma@1:4 word<4500>@1:5 eof@1:9" },
	{ "500,4500 x<30s", LX_OPERAND, LX_F_WHERE,
	  "word<500,4500>@1:1 word<x>@1:10 op:lt@1:11 word<30s>@1:12 "
	  "eof@1:15" },
	{ "a\nb", LX_OPERAND, LX_F_NLSPACE, "word<a>@1:1 word<b>@2:1 eof@2:2" },
};

START_TEST(test_lex)
{
	const struct lex_case *c = &lex_cases[_i];
	char *got = lex_all(c->src, strlen(c->src), c->mode, c->flags, 0);

	ck_assert_msg(strcmp(got, c->want) == 0, "input '%s'\n got: %s\nwant: %s",
	    c->src, got, c->want);
	free(got);
}
END_TEST

/* Interactively a leading # is text, not a comment (§1.7). */
START_TEST(test_interactive_hash)
{
	char *got = lex_all("# hi", 4, CMD, 1);

	ck_assert_str_eq(got, "word<#>@1:1 word<hi>@1:3 eof@1:5");
	free(got);
}
END_TEST

/* The lexer never reads past len: no terminator is needed. */
START_TEST(test_length_bound)
{
	const char src[] = { 'a', 'b', ' ', '"', 'x' };
	char *got = lex_all(src, 2, ARG, 0);

	ck_assert_str_eq(got, "word<ab>@1:1 eof@1:3");
	free(got);
	got = lex_all(src, sizeof(src), ARG, 0);
	ck_assert_str_eq(got,
	    "word<ab>@1:1 quote@1:4 error{syntax error}@1:6+");
	free(got);
	got = lex_all(NULL, 0, ARG, 0);
	ck_assert_str_eq(got, "eof@1:1");
	free(got);
}
END_TEST

/* An embedded NUL is a byte like any other (and ends no string). */
START_TEST(test_nul_bytes)
{
	const char src[] = { '"', 'a', '\0', 'b', '"', ' ', '\0' };
	char *got = lex_all(src, sizeof(src), ARG, 0);

	ck_assert_str_eq(got,
	    "quote@1:1 lit<a\\00b>@1:2 end@1:5 other<\\00>@1:7 eof@1:8");
	free(got);
}
END_TEST

/* GR_MAX_TOKEN bounds words and string literals. */
START_TEST(test_token_cap)
{
	size_t n = GR_MAX_TOKEN + 8;
	char *src = malloc(n + 1);
	struct lx lx;
	struct lx_tok t;

	ck_assert_ptr_nonnull(src);
	memset(src, 'a', n);
	lx_init(&lx, src, n, 0);
	lx_next(&lx, LX_ARG, 0, &t);
	ck_assert_int_eq(t.kind, TK_ERROR);
	ck_assert_int_eq(lx.err.code, GR_E_TOOBIG);
	lx_fini(&lx);

	/* a token of exactly the cap is fine */
	lx_init(&lx, src, GR_MAX_TOKEN, 0);
	lx_next(&lx, LX_ARG, 0, &t);
	ck_assert_int_eq(t.kind, TK_WORD);
	ck_assert_uint_eq(t.len, GR_MAX_TOKEN);
	lx_fini(&lx);

	/* decoded strings too: escapes go through the buffer */
	src[0] = '"';
	src[1] = '\\';
	src[2] = 'n';
	src[n - 1] = '"';
	lx_init(&lx, src, n, 0);
	lx_next(&lx, LX_ARG, 0, &t);
	ck_assert_int_eq(t.kind, TK_QUOTE);
	lx_str_next(&lx, &t);
	ck_assert_int_eq(t.kind, TK_ERROR);
	ck_assert_int_eq(lx.err.code, GR_E_TOOBIG);
	lx_fini(&lx);
	free(src);
}
END_TEST

/* Errors are sticky: the lexer does not resume after one. */
START_TEST(test_error_sticky)
{
	struct lx lx;
	struct lx_tok t;

	lx_init(&lx, "? a", 3, 0);
	lx_next(&lx, LX_ARG, 0, &t);
	ck_assert_int_eq(t.kind, TK_ERROR);
	lx_next(&lx, LX_ARG, 0, &t);
	ck_assert_int_eq(t.kind, TK_ERROR);
	lx_str_next(&lx, &t);
	ck_assert_int_eq(t.kind, TK_ERROR);
	ck_assert_int_eq(lx.err.code, GR_E_SYNTAX);
	ck_assert_int_eq(lx.err.col, 1);
	lx_fini(&lx);
}
END_TEST

static Suite *
lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TCase *tc;

	tc = tcase_create("tokens");
	tcase_add_loop_test(tc, test_lex, 0,
	    sizeof(lex_cases) / sizeof(lex_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("modes");
	tcase_add_test(tc, test_interactive_hash);
	suite_add_tcase(s, tc);

	tc = tcase_create("bounds");
	tcase_add_test(tc, test_length_bound);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_token_cap);
	tcase_add_test(tc, test_error_sticky);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(lexer_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
