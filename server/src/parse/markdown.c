/*
 * parse/markdown.c — Markdown to prose with tree-sitter-markdown.
 *
 * Steps (qc_md_parse):
 *  1. Guard the input (qc_md_guard): tree-sitter-markdown's block scanner
 *     serialises its stack of open blocks into tree-sitter's 1 KB buffer
 *     without a bound, so ~250 nested block quotes or list items overflow
 *     it. Container markers past QC_MD_MAX_NESTING on one line, and NUL
 *     bytes, are replaced by 'x' in a copy that only tree-sitter sees; the
 *     replaced bytes are always masked.
 *  2. Parse with the block grammar (if tree-sitter returns no tree, the
 *     document is treated as plain text).
 *  3. Walk the block tree collecting "units": the `inline` nodes of
 *     paragraphs and headings and the `pipe_table_cell` nodes, each with
 *     its content ranges (the node minus its named children, i.e. minus
 *     the `>` and indentation of continuation lines) and its block kind
 *     (innermost block quote or list item decides; headings are headings),
 *     plus the labels of link reference definitions.
 *  4. Parse each unit with the inline grammar, over just its ranges
 *     (ts_parser_set_included_ranges, so offsets stay document offsets).
 *     One parse per unit, not one over all of them, so emphasis or code
 *     spans cannot pair across paragraphs. Units whose text holds none of
 *     ` * _ ~ [ < \ cannot contain inline syntax and are not parsed. The
 *     inline tree becomes a list of "ops": byte ranges to blank, possibly
 *     conditional on a reference label being defined.
 *  5. keep[] = 1 over every unit's ranges, then the ops blank: code spans
 *     (whole, with backticks), inline HTML and comments, images (whole),
 *     autolinks, emphasis/strong/strikethrough delimiters, the backslash of
 *     an escape, hard line breaks, links' brackets/destination/title (the
 *     link text stays), reference links' brackets and label only when the
 *     label is defined (so "[sic]" or "[Trump]" in a quote stays text),
 *     the closing #s of an ATX heading. Everything outside units stays
 *     masked: front matter, code blocks, HTML blocks, definitions,
 *     thematic breaks, markers, table pipes and delimiter rows.
 *  6. Blocks: one per unit with any prose, its range trimmed to the first
 *     and last kept non-blank byte. Table cells are blocks of their own.
 *
 * Entity references (&ldquo;) and $…$ spans are kept as text: masking
 * cannot substitute characters, and "$5 … $6" in news copy is money.
 *
 * The cache (qc_md_cache, owned by a qc_parser) maps a unit's exact text
 * and range layout to its ops, so an incremental reparse runs the inline
 * grammar only on units whose text changed; the result is the same as a
 * fresh parse because an inline parse depends on nothing else.
 */
#include "parse/parse_internal.h"
#include "util/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Markers allowed per line before guarding (the scanner overflows near
 * 250; each marker or two columns of indentation can open one block). */
#define QC_MD_MAX_NESTING 100
/* No tree-sitter timeout is set. libtree-sitter 0.20.7's wall-clock
 * timeout fired spuriously under load (same text, different trees), which
 * would break "incremental == fresh"; and floods of backticks, brackets,
 * "[a](", "<a ", "*_" etc. measured linear in both grammars (100,000
 * repetitions < 1.5 s). Parse cost is ~0.3-0.6 us per byte per grammar.
 * A NULL tree (should tree-sitter ever give up) still degrades to text. */

typedef Array(size_t) qc_offset_array;
typedef Array(TSRange) qc_range_array;

/* --- 1. input guard -------------------------------------------------- */

static bool qc_md_is_marker(const char *s, size_t i, size_t end, size_t *mlen)
{
    char c = s[i];
    size_t k = i;
    if (c == '-' || c == '+' || c == '*') {
        k = i + 1;
    } else if (c >= '0' && c <= '9') {
        while (k < end && k - i < 9 && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k >= end || (s[k] != '.' && s[k] != ')'))
            return false;
        k++;
    } else {
        return false;
    }
    if (k < end && s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
        return false;
    *mlen = k - i;
    return true;
}

static char *qc_md_guard(const char *data, size_t len, qc_offset_array *forced)
{
    char *copy = NULL;
    for (size_t ls = 0; ls < len;) {
        const char *nl = memchr(data + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - data) : len;
        size_t markers = 0, cols = 0, i = ls;
        while (i < le) {
            size_t n = 1;
            char c = data[i];
            if (c == ' ')
                cols++;
            else if (c == '\t')
                cols += 4 - cols % 4;
            else if (c == '>')
                markers++;
            else if (qc_md_is_marker(data, i, le, &n))
                markers++;
            else
                break;
            if (markers + cols / 2 > QC_MD_MAX_NESTING) {
                if (!copy) {
                    copy = qc_malloc(len ? len : 1);
                    memcpy(copy, data, len);
                }
                for (size_t k = i; k < i + n; k++) {
                    copy[k] = 'x';
                    array_push(forced, k);
                }
            }
            i += n;
        }
        ls = le + 1;
    }
    for (const char *z = memchr(data, '\0', len); z; z = memchr(z + 1, '\0', len - (size_t)(z + 1 - data))) {
        size_t k = (size_t)(z - data);
        if (!copy) {
            copy = qc_malloc(len);
            memcpy(copy, data, len);
        }
        copy[k] = 'x';
        array_push(forced, k);
        if (k + 1 >= len)
            break;
    }
    return copy;
}

/* --- node names ------------------------------------------------------ */

typedef enum qc_md_sym {
    SYM_OTHER,
    SYM_INLINE, SYM_TABLE_CELL, SYM_BLOCK_QUOTE, SYM_LIST_ITEM, SYM_ATX, SYM_SETEXT,
    SYM_LINK_DEF, SYM_LINK_LABEL, SYM_OPAQUE,           /* block grammar */
    SYM_MASK_WHOLE, SYM_DELIM, SYM_ESCAPE, SYM_INLINE_LINK, SYM_SHORTCUT, SYM_COLLAPSED,
    SYM_FULL_REF, SYM_LINK_TEXT,                        /* inline grammar */
} qc_md_sym;

typedef struct qc_md_name {
    const char *name;
    qc_md_sym sym;
} qc_md_name;

static qc_md_sym qc_md_lookup(const char *t, const qc_md_name *table, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(t, table[i].name))
            return table[i].sym;
    return SYM_OTHER;
}

static qc_md_sym qc_md_block_sym(TSNode n)
{
    if (!ts_node_is_named(n))
        return SYM_OPAQUE;
    const char *t = ts_node_type(n);
    static const qc_md_name table[] = {
        { "inline", SYM_INLINE },
        { "pipe_table_cell", SYM_TABLE_CELL },
        { "block_quote", SYM_BLOCK_QUOTE },
        { "list_item", SYM_LIST_ITEM },
        { "atx_heading", SYM_ATX },
        { "setext_heading", SYM_SETEXT },
        { "link_reference_definition", SYM_LINK_DEF },
        { "link_label", SYM_LINK_LABEL },
        { "fenced_code_block", SYM_OPAQUE },
        { "indented_code_block", SYM_OPAQUE },
        { "html_block", SYM_OPAQUE },
        { "minus_metadata", SYM_OPAQUE },
        { "plus_metadata", SYM_OPAQUE },
        { "thematic_break", SYM_OPAQUE },
        { "pipe_table_delimiter_row", SYM_OPAQUE },
    };
    return qc_md_lookup(t, table, sizeof table / sizeof table[0]);
}

static qc_md_sym qc_md_inline_sym(TSNode n)
{
    if (!ts_node_is_named(n))
        return SYM_OPAQUE;
    const char *t = ts_node_type(n);
    static const qc_md_name table[] = {
        { "emphasis_delimiter", SYM_DELIM },
        { "code_span", SYM_MASK_WHOLE },
        { "html_tag", SYM_MASK_WHOLE },
        { "image", SYM_MASK_WHOLE },
        { "uri_autolink", SYM_MASK_WHOLE },
        { "email_autolink", SYM_MASK_WHOLE },
        { "hard_line_break", SYM_MASK_WHOLE },
        { "backslash_escape", SYM_ESCAPE },
        { "inline_link", SYM_INLINE_LINK },
        { "shortcut_link", SYM_SHORTCUT },
        { "collapsed_reference_link", SYM_COLLAPSED },
        { "full_reference_link", SYM_FULL_REF },
        { "link_text", SYM_LINK_TEXT },
        { "link_label", SYM_LINK_LABEL },
    };
    return qc_md_lookup(t, table, sizeof table / sizeof table[0]);
}

/* --- link labels ----------------------------------------------------- */

/* CommonMark-ish label normalisation: trim, collapse blanks, ASCII case. */
static char *qc_md_label_norm(const char *s, size_t a, size_t b)
{
    char *out = qc_malloc(b - a + 1);
    size_t n = 0;
    bool space = false;
    for (size_t i = a; i < b; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    return out;
}

static int qc_md_strcmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --- inline ops and the cache --------------------------------------- */

typedef struct qc_md_op {
    size_t start, end;       /* bytes to blank */
    size_t lstart, lend;     /* if lend > lstart: only when this label is defined */
} qc_md_op;
typedef Array(qc_md_op) qc_md_op_array;

typedef struct qc_md_entry {
    struct qc_md_entry *next;
    uint64_t hash;
    char *text;              /* the unit's bytes [node start, node end) */
    size_t tlen;
    size_t *bounds;          /* range (start, end) pairs relative to node start */
    size_t nbounds;
    qc_md_op *ops;           /* relative to node start */
    size_t nops;
    unsigned gen;
} qc_md_entry;

struct qc_md_cache {
    qc_md_entry **buckets;
    size_t nbuckets, count;
    unsigned gen;
};

qc_md_cache *qc_md_cache_new(void)
{
    qc_md_cache *c = qc_calloc(1, sizeof *c);
    c->nbuckets = 256;
    c->buckets = qc_calloc(c->nbuckets, sizeof *c->buckets);
    return c;
}

static void qc_md_entry_free(qc_md_entry *e)
{
    free(e->text);
    free(e->bounds);
    free(e->ops);
    free(e);
}

void qc_md_cache_delete(qc_md_cache *self)
{
    if (!self)
        return;
    for (size_t i = 0; i < self->nbuckets; i++)
        for (qc_md_entry *e = self->buckets[i], *next; e; e = next) {
            next = e->next;
            qc_md_entry_free(e);
        }
    free(self->buckets);
    free(self);
}

/* Drop entries not used by the latest parse. */
static void qc_md_cache_sweep(qc_md_cache *c)
{
    for (size_t i = 0; i < c->nbuckets; i++) {
        qc_md_entry **pp = &c->buckets[i];
        while (*pp) {
            qc_md_entry *e = *pp;
            if (e->gen != c->gen) {
                *pp = e->next;
                qc_md_entry_free(e);
                c->count--;
            } else {
                pp = &e->next;
            }
        }
    }
}

static void qc_md_cache_grow(qc_md_cache *c)
{
    size_t nb = c->nbuckets * 2;
    qc_md_entry **b = qc_calloc(nb, sizeof *b);
    for (size_t i = 0; i < c->nbuckets; i++)
        for (qc_md_entry *e = c->buckets[i], *next; e; e = next) {
            next = e->next;
            e->next = b[e->hash & (nb - 1)];
            b[e->hash & (nb - 1)] = e;
        }
    free(c->buckets);
    c->buckets = b;
    c->nbuckets = nb;
}

static uint64_t qc_md_hash(const char *s, size_t n, const size_t *bounds, size_t nb)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    for (size_t i = 0; i < nb; i++) {
        h ^= bounds[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* --- the build ------------------------------------------------------- */

typedef struct qc_md_unit {
    size_t start, end;        /* node range */
    size_t r0, nr;            /* its ranges in the range array */
    qc_block_kind kind;
    bool atx;
} qc_md_unit;

typedef struct qc_md_ctx {
    const char *data, *input;
    size_t len;
    TSParser *inline_parser;
    qc_md_cache *cache;
    qc_range_array ranges;
    Array(qc_md_unit) units;
    Array(char *) labels;
    qc_md_op_array ops;
    Array(size_t) scratch;
} qc_md_ctx;

static void qc_md_add_op(qc_md_op_array *ops, size_t a, size_t b, size_t la, size_t lb)
{
    if (b > a) {
        qc_md_op op = { a, b, la, lb };
        array_push(ops, op);
    }
}

/* Blank a link's node except its link_text children. */
static void qc_md_link_ops(qc_md_op_array *ops, TSNode link, size_t la, size_t lb)
{
    size_t pos = ts_node_start_byte(link);
    TSTreeCursor c = ts_tree_cursor_new(link);
    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode ch = ts_tree_cursor_current_node(&c);
            if (qc_md_inline_sym(ch) == SYM_LINK_TEXT) {
                qc_md_add_op(ops, pos, ts_node_start_byte(ch), la, lb);
                pos = ts_node_end_byte(ch);
            }
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    qc_md_add_op(ops, pos, ts_node_end_byte(link), la, lb);
}

static TSNode qc_md_child_of(TSNode n, qc_md_sym want)
{
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode ch = ts_node_named_child(n, i);
        if (qc_md_inline_sym(ch) == want)
            return ch;
    }
    TSNode none = { { 0, 0, 0, 0 }, NULL, NULL };
    return none;
}

/* Ops of one inline tree (absolute offsets). */
static void qc_md_inline_walk(TSNode root, qc_md_op_array *ops)
{
    TSTreeCursor c = ts_tree_cursor_new(root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&c);
        size_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
        bool descend = true;
        switch (qc_md_inline_sym(n)) {
        case SYM_OPAQUE:
            descend = false;
            break;
        case SYM_MASK_WHOLE:
        case SYM_DELIM:
            qc_md_add_op(ops, s, e, 0, 0);
            descend = false;
            break;
        case SYM_ESCAPE:
            qc_md_add_op(ops, s, s + 1, 0, 0);
            descend = false;
            break;
        case SYM_INLINE_LINK:
            qc_md_link_ops(ops, n, 0, 0);
            break;
        case SYM_SHORTCUT:
        case SYM_COLLAPSED: {
            TSNode t = qc_md_child_of(n, SYM_LINK_TEXT);
            if (!ts_node_is_null(t))
                qc_md_link_ops(ops, n, ts_node_start_byte(t), ts_node_end_byte(t));
            break;
        }
        case SYM_FULL_REF: {
            TSNode l = qc_md_child_of(n, SYM_LINK_LABEL);
            if (!ts_node_is_null(l) && ts_node_end_byte(l) >= ts_node_start_byte(l) + 2)
                qc_md_link_ops(ops, n, ts_node_start_byte(l) + 1, ts_node_end_byte(l) - 1);
            break;
        }
        default:
            break;
        }
        if (descend && ts_tree_cursor_goto_first_child(&c))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&c))
            if (!ts_tree_cursor_goto_parent(&c))
                goto done;
    }
done:
    ts_tree_cursor_delete(&c);
}

/* Can this unit contain inline syntax that we mask? */
static bool qc_md_unit_has_syntax(const qc_md_ctx *x, const qc_md_unit *u)
{
    for (size_t r = u->r0; r < u->r0 + u->nr; r++) {
        const TSRange *rg = &x->ranges.items[r];
        for (size_t i = rg->start_byte; i < rg->end_byte; i++) {
            switch (x->input[i]) {
            case '`': case '*': case '_': case '~': case '[': case '<': case '\\':
                return true;
            default:
                break;
            }
        }
    }
    return false;
}

/* Parse one unit with the inline grammar; append its ops. */
static void qc_md_unit_parse(qc_md_ctx *x, const qc_md_unit *u, qc_md_op_array *ops)
{
    if (!ts_parser_set_included_ranges(x->inline_parser, &x->ranges.items[u->r0], (uint32_t)u->nr))
        return;
    TSTree *t = ts_parser_parse_string(x->inline_parser, NULL, x->input, (uint32_t)x->len);
    if (!t) {   /* cannot happen without a timeout; the unit stays text */
        ts_parser_reset(x->inline_parser);
        return;
    }
    qc_md_inline_walk(ts_tree_root_node(t), ops);
    ts_tree_delete(t);
}

/* Ops of one unit, through the cache when there is one. */
static void qc_md_unit_ops(qc_md_ctx *x, const qc_md_unit *u)
{
    if (!qc_md_unit_has_syntax(x, u))
        return;
    if (!x->cache) {
        qc_md_unit_parse(x, u, &x->ops);
        return;
    }
    qc_md_cache *c = x->cache;
    array_clear(&x->scratch);
    for (size_t r = u->r0; r < u->r0 + u->nr; r++) {
        array_push(&x->scratch, x->ranges.items[r].start_byte - u->start);
        array_push(&x->scratch, x->ranges.items[r].end_byte - u->start);
    }
    const char *text = x->input + u->start;
    size_t tlen = u->end - u->start, nb = x->scratch.len;
    uint64_t h = qc_md_hash(text, tlen, x->scratch.items, nb);
    qc_md_entry *e = c->buckets[h & (c->nbuckets - 1)];
    for (; e; e = e->next)
        if (e->hash == h && e->tlen == tlen && e->nbounds == nb && !memcmp(e->text, text, tlen) &&
            !memcmp(e->bounds, x->scratch.items, nb * sizeof(size_t)))
            break;
    if (!e) {
        qc_md_op_array fresh = ARRAY_INIT;
        qc_md_unit_parse(x, u, &fresh);
        e = qc_calloc(1, sizeof *e);
        e->hash = h;
        e->text = qc_malloc(tlen ? tlen : 1);
        memcpy(e->text, text, tlen);
        e->tlen = tlen;
        e->bounds = qc_malloc(nb * sizeof(size_t));
        memcpy(e->bounds, x->scratch.items, nb * sizeof(size_t));
        e->nbounds = nb;
        for (size_t i = 0; i < fresh.len; i++) {
            qc_md_op *op = &fresh.items[i];
            op->start -= u->start;
            op->end -= u->start;
            if (op->lend > op->lstart) {
                op->lstart -= u->start;
                op->lend -= u->start;
            }
        }
        e->ops = fresh.items;
        e->nops = fresh.len;
        e->next = c->buckets[h & (c->nbuckets - 1)];
        c->buckets[h & (c->nbuckets - 1)] = e;
        if (++c->count > c->nbuckets)
            qc_md_cache_grow(c);
    }
    e->gen = c->gen;
    for (size_t i = 0; i < e->nops; i++) {
        qc_md_op op = e->ops[i];
        op.start += u->start;
        op.end += u->start;
        if (op.lend > op.lstart) {
            op.lstart += u->start;
            op.lend += u->start;
        }
        array_push(&x->ops, op);
    }
}

/* Add the content ranges of an inline or table-cell node as a unit. */
static void qc_md_add_unit(qc_md_ctx *x, TSNode n, int kind)
{
    qc_md_unit u = { ts_node_start_byte(n), ts_node_end_byte(n), x->ranges.len, 0,
                     kind < 0 ? QC_BLOCK_HEADING : (qc_block_kind)kind, kind == -2 };
    TSRange r = { ts_node_start_point(n), ts_node_end_point(n), (uint32_t)u.start, (uint32_t)u.end };
    TSTreeCursor c = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode ch = ts_tree_cursor_current_node(&c);
            if (!ts_node_is_named(ch))
                continue;
            TSRange piece = r;
            piece.end_byte = ts_node_start_byte(ch);
            piece.end_point = ts_node_start_point(ch);
            if (piece.end_byte > piece.start_byte)
                array_push(&x->ranges, piece);
            r.start_byte = ts_node_end_byte(ch);
            r.start_point = ts_node_end_point(ch);
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    if (r.end_byte > r.start_byte)
        array_push(&x->ranges, r);
    u.nr = x->ranges.len - u.r0;
    if (u.nr)
        array_push(&x->units, u);
}

/* Kinds on the container stack: a qc_block_kind, or -1 heading, -2 ATX. */
static void qc_md_walk_blocks(qc_md_ctx *x, TSNode root)
{
    Array(int) stack = ARRAY_INIT;
    array_push(&stack, (int)QC_BLOCK_PARAGRAPH);
    TSTreeCursor c = ts_tree_cursor_new(root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&c);
        int kind = *array_last(&stack);
        bool descend = true;
        switch (qc_md_block_sym(n)) {
        case SYM_OPAQUE:
            descend = false;
            break;
        case SYM_INLINE:
        case SYM_TABLE_CELL:
            qc_md_add_unit(x, n, kind);
            descend = false;
            break;
        case SYM_BLOCK_QUOTE:
            kind = QC_BLOCK_QUOTE;
            break;
        case SYM_LIST_ITEM:
            kind = QC_BLOCK_LIST_ITEM;
            break;
        case SYM_ATX:
            kind = -2;
            break;
        case SYM_SETEXT:
            kind = -1;
            break;
        case SYM_LINK_DEF: {
            uint32_t k = ts_node_named_child_count(n);
            for (uint32_t i = 0; i < k; i++) {
                TSNode ch = ts_node_named_child(n, i);
                size_t a = ts_node_start_byte(ch), b = ts_node_end_byte(ch);
                if (qc_md_block_sym(ch) == SYM_LINK_LABEL && b >= a + 2) {
                    char *label = qc_md_label_norm(x->data, a + 1, b - 1);
                    array_push(&x->labels, label);
                    break;
                }
            }
            descend = false;
            break;
        }
        default:
            break;
        }
        if (descend && ts_tree_cursor_goto_first_child(&c)) {
            array_push(&stack, kind);
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&c)) {
            if (!ts_tree_cursor_goto_parent(&c))
                goto done;
            stack.len--;
        }
    }
done:
    ts_tree_cursor_delete(&c);
    array_free(&stack);
}

static bool qc_md_label_defined(const qc_md_ctx *x, size_t a, size_t b)
{
    if (!x->labels.len)
        return false;
    char *key = qc_md_label_norm(x->data, a, b);
    bool found = bsearch(&key, x->labels.items, x->labels.len, sizeof(char *), qc_md_strcmp) != NULL;
    free(key);
    return found;
}

static bool qc_md_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Blank the optional closing sequence of an ATX heading ("# Title ##"). */
static void qc_md_atx_close(const qc_md_ctx *x, const qc_md_unit *u, unsigned char *keep)
{
    size_t e = u->end;
    while (e > u->start && (x->data[e - 1] == ' ' || x->data[e - 1] == '\t'))
        e--;
    size_t s = e;
    while (s > u->start && x->data[s - 1] == '#')
        s--;
    if (s < e && (s == u->start || x->data[s - 1] == ' ' || x->data[s - 1] == '\t'))
        memset(keep + s, 0, e - s);
}

static qc_prose *qc_md_build(const char *data, size_t len, const char *input, const TSTree *tree,
                             TSParser *inline_parser, qc_md_cache *cache, const qc_offset_array *forced)
{
    qc_md_ctx x = { .data = data, .input = input, .len = len, .inline_parser = inline_parser,
                    .cache = cache };
    qc_md_walk_blocks(&x, ts_tree_root_node(tree));
    if (x.labels.len > 1)
        qsort(x.labels.items, x.labels.len, sizeof(char *), qc_md_strcmp);
    if (cache)
        cache->gen++;
    for (size_t i = 0; i < x.units.len; i++)
        qc_md_unit_ops(&x, &x.units.items[i]);
    if (cache)
        qc_md_cache_sweep(cache);

    unsigned char *keep = qc_calloc(len ? len : 1, 1);
    for (size_t r = 0; r < x.ranges.len; r++)
        memset(keep + x.ranges.items[r].start_byte, 1,
               x.ranges.items[r].end_byte - x.ranges.items[r].start_byte);
    for (size_t i = 0; i < x.ops.len; i++) {
        const qc_md_op *op = &x.ops.items[i];
        if (op->lend > op->lstart && !qc_md_label_defined(&x, op->lstart, op->lend))
            continue;
        memset(keep + op->start, 0, op->end - op->start);
    }
    for (size_t i = 0; i < x.units.len; i++)
        if (x.units.items[i].atx)
            qc_md_atx_close(&x, &x.units.items[i], keep);
    for (size_t i = 0; i < forced->len; i++)
        keep[forced->items[i]] = 0;
    qc_keep_widen(data, len, keep);

    qc_block_array blocks = ARRAY_INIT;
    for (size_t i = 0; i < x.units.len; i++) {
        const qc_md_unit *u = &x.units.items[i];
        size_t a = u->start, b = u->end;
        while (a < b && (!keep[a] || qc_md_blank(data[a])))
            a++;
        while (b > a && (!keep[b - 1] || qc_md_blank(data[b - 1])))
            b--;
        if (b > a) {
            qc_block blk = { a, b, u->kind };
            array_push(&blocks, blk);
        }
    }
    qc_prose *p = qc_prose_from_keep(data, len, keep, &blocks);

    free(keep);
    for (size_t i = 0; i < x.labels.len; i++)
        free(x.labels.items[i]);
    array_free(&x.labels);
    array_free(&x.ranges);
    array_free(&x.units);
    array_free(&x.ops);
    array_free(&x.scratch);
    return p;
}

/* --- fast path: Markdown with no syntax beyond paragraphs, ATX headings and
 * front matter ------------------------------------------------------------
 *
 * Most source articles (and drafts) are front matter, "# Title" and
 * paragraphs of text. For those the block tree is known without
 * tree-sitter: front matter is opaque, a heading's inline follows its
 * marker, a paragraph's inline runs from its first line to its last. No
 * byte of the body is one of ` * _ ~ < \ | (so no inline syntax or
 * table), brackets only as below, no line starts with whitespace (indented code,
 * lazy continuation) or with a character that can open a block (> - + * =
 * # other than an ATX marker, digits then . or ), ~ `), and there is no
 * CR, tab or NUL. Anything else returns NULL and the caller parses with
 * tree-sitter. tests/unit/parse_simple.c checks that the result is
 * byte-identical to qc_md_parse (so did a comparison over the bench corpora). */
static bool qc_md_simple_char(unsigned char c)
{
    return c == '`' || c == '*' || c == '_' || c == '~' || c == '<' || c == '\\' || c == '|' ||
           c == '\r' || c == '\t' || c == '\0';
}

qc_prose *qc_md_parse_simple(const char *data, size_t len)
{
    if (len > QC_MD_MAX_LEN)
        return NULL;
    /* no final newline: the grammar treats a last heading line without one
     * differently; let tree-sitter decide so both paths agree */
    if (len && data[len - 1] != '\n')
        return NULL;
    size_t body = 0;
    /* front matter: "---\n" ... "\n---\n" (or "\n---" at the end) */
    if (len >= 4 && !memcmp(data, "---\n", 4)) {
        size_t i = 4;
        for (;;) {
            const char *nl = memchr(data + i, '\n', len - i);
            size_t le = nl ? (size_t)(nl - data) : len;
            if (le - i == 3 && !memcmp(data + i, "---", 3)) {
                body = nl ? le + 1 : le;
                break;
            }
            if (memchr(data + i, '\r', le - i) || memchr(data + i, '\0', le - i))
                return NULL;
            if (!nl)
                return NULL;   /* unterminated: let tree-sitter decide */
            i = le + 1;
        }
    }
    /* Brackets are allowed: with no link reference definition (no line
     * starts with "["), "[sic]" and "[text][label]" are conditional ops
     * that never apply; inline links and images ("](", "![") are not. */
    for (size_t i = body; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (qc_md_simple_char(c))
            return NULL;
        if (c == ']' && i + 1 < len && data[i + 1] == '(')
            return NULL;
        if (c == '[' && ((i > 0 && data[i - 1] == '!') || i == body || data[i - 1] == '\n'))
            return NULL;
    }
    unsigned char *keep = qc_calloc(len ? len : 1, 1);
    qc_block_array blocks = ARRAY_INIT;
    size_t para_start = SIZE_MAX, para_end = 0;
    bool ok = true;
    for (size_t ls = body; ls < len && ok;) {
        const char *nl = memchr(data + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - data) : len;
        size_t next = nl ? le + 1 : len;
        unsigned char c = (unsigned char)data[ls];
        bool blank = true;
        for (size_t k = ls; k < le && blank; k++)
            blank = data[k] == ' ';
        bool heading = false;
        size_t hs = 0;
        if (!blank) {
            if (c == ' ' || c == '>' || c == '-' || c == '+' || c == '=' || c == '#' || c == '~' ||
                c == '`') {
                if (c == '#') {
                    size_t k = ls;
                    while (k < le && data[k] == '#')
                        k++;
                    if (k - ls <= 6 && (k == le || data[k] == ' ')) {
                        heading = true;
                        hs = k;
                    }
                }
                if (!heading) {
                    ok = false;
                    break;
                }
            } else if (c >= '0' && c <= '9') {
                size_t k = ls;
                while (k < le && data[k] >= '0' && data[k] <= '9')
                    k++;
                if (k < le && (data[k] == '.' || data[k] == ')')) {
                    ok = false;
                    break;
                }
            }
        } else if (le - ls > 3) {
            ok = false;   /* long whitespace lines: not worth reasoning about */
            break;
        }
        if (blank || heading) {
            if (para_start != SIZE_MAX) {
                memset(keep + para_start, 1, para_end - para_start);
                size_t a = para_start, b = para_end;
                while (b > a && qc_md_blank(data[b - 1]))
                    b--;
                qc_block blk = { a, b, QC_BLOCK_PARAGRAPH };
                array_push(&blocks, blk);
                para_start = SIZE_MAX;
            }
            if (heading) {
                size_t a = hs, b = le;
                /* closing sequence: "# Title ##" */
                size_t e = b;
                while (e > a && data[e - 1] == ' ')
                    e--;
                size_t s2 = e;
                while (s2 > a && data[s2 - 1] == '#')
                    s2--;
                if (s2 < e && (s2 == a || data[s2 - 1] == ' '))
                    b = s2;
                while (a < b && qc_md_blank(data[a]))
                    a++;
                while (b > a && qc_md_blank(data[b - 1]))
                    b--;
                if (b > a) {
                    memset(keep + a, 1, b - a);
                    qc_block blk = { a, b, QC_BLOCK_HEADING };
                    array_push(&blocks, blk);
                }
            }
        } else {
            if (para_start == SIZE_MAX)
                para_start = ls;
            para_end = le;
        }
        ls = next;
    }
    if (ok && para_start != SIZE_MAX) {
        memset(keep + para_start, 1, para_end - para_start);
        size_t a = para_start, b = para_end;
        while (b > a && qc_md_blank(data[b - 1]))
            b--;
        qc_block blk = { a, b, QC_BLOCK_PARAGRAPH };
        array_push(&blocks, blk);
    }
    if (!ok) {
        array_free(&blocks);
        free(keep);
        return NULL;
    }
    qc_prose *p = qc_prose_from_keep(data, len, keep, &blocks);
    free(keep);
    return p;
}

qc_prose *qc_md_parse(const char *data, size_t len, TSParser *block_parser,
                      TSParser *inline_parser, TSTree **tree, qc_md_cache *cache)
{
    TSTree *old = *tree;
    *tree = NULL;
    if (len > QC_MD_MAX_LEN) {
        if (old)
            ts_tree_delete(old);
        return qc_prose_plain(data, len);
    }
    qc_offset_array forced = ARRAY_INIT;
    char *guarded = qc_md_guard(data, len, &forced);
    const char *input = guarded ? guarded : data;
    if (guarded && old) {   /* the guard may rewrite bytes outside the edits */
        ts_tree_delete(old);
        old = NULL;
    }
    ts_parser_set_included_ranges(block_parser, NULL, 0);
    TSTree *t = ts_parser_parse_string(block_parser, old, input, (uint32_t)len);
    if (old)
        ts_tree_delete(old);
    qc_prose *p;
    if (!t) {
        ts_parser_reset(block_parser);
        p = qc_prose_plain(data, len);
    } else {
        p = qc_md_build(data, len, input, t, inline_parser, cache, &forced);
        if (guarded)
            ts_tree_delete(t);
        else
            *tree = t;
    }
    free(guarded);
    array_free(&forced);
    return p;
}
