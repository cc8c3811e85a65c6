/*
 * corpus/image.c — the index image: the cache file's layout, its
 * validation, and serialisation of a (re)built corpus.
 *
 * Layout (native little-endian; every section 8-byte aligned):
 *   header      qc_image_header: magic "QCCORPUS", version, endianness
 *               mark, checksum, section offsets and counts
 *   articles    narticles x qc_image_article (metadata, size, mtime,
 *               content hash, sidecar hash, cluster, word count)
 *   strings     NUL-terminated strings the articles point to
 *   sigs        narticles x 64 MinHash bins of 16 bits (dedup.c)
 *   shingles    narticles x shingle count
 *   buckets     nbuckets + 1 offsets into postings
 *   postings    per bucket: varint count, then varint article-id deltas
 * A bucket is the top log2(nbuckets) bits of a word-pair hash; its list
 * holds every article containing a pair that falls in the bucket, once.
 * The checksum covers the whole file with the checksum field zeroed, so a
 * flipped byte anywhere is caught; every offset and count is bounds
 * checked before use, so a tampered file that passes the checksum still
 * cannot make the reader step outside it.
 */
#include "corpus/corpus_internal.h"
#include "util/alloc.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define QC_ENDIAN_MARK 0x01020304u

static uint64_t qc_image_sum(const uint8_t *base, size_t len)
{
    qc_image_header h;
    memcpy(&h, base, sizeof h);
    h.checksum = 0;
    uint64_t a = qc_corpus_checksum(&h, sizeof h);
    uint64_t b = qc_corpus_checksum(base + sizeof h, len - sizeof h);
    return qc_corpus_mix64(a ^ (b * 0x9e3779b97f4a7c15ULL));
}

static int qc_section_ok(const qc_image_header *h, uint64_t off, uint64_t size, size_t len)
{
    return off >= sizeof *h && off % 8 == 0 && off <= len && size <= len - off;
}

int qc_image_open(qc_image *img, const uint8_t *base, size_t len)
{
    memset(img, 0, sizeof *img);
    if (len < sizeof(qc_image_header)) {
        qc_error_set("truncated (%zu bytes)", len);
        return QC_EINVAL;
    }
    const qc_image_header *h = (const qc_image_header *)base;
    if (memcmp(h->magic, QC_IMAGE_MAGIC, 8)) {
        qc_error_set("not a quotecheck index (bad magic)");
        return QC_EINVAL;
    }
    if (h->version != QC_IMAGE_VERSION || h->endian != QC_ENDIAN_MARK) {
        qc_error_set("index format version %u, this quotecheck reads version %u",
                     h->version, QC_IMAGE_VERSION);
        return QC_EINVAL;
    }
    if (h->file_len != len) {
        qc_error_set("truncated or extended (%zu bytes, header says %llu)", len,
                     (unsigned long long)h->file_len);
        return QC_EINVAL;
    }
    if (qc_image_sum(base, len) != h->checksum) {
        qc_error_set("checksum mismatch (corrupt)");
        return QC_EINVAL;
    }
    uint64_t n = h->narticles, nb = h->nbuckets;
    if (nb == 0 || (nb & (nb - 1)) || nb > (1u << 28) ||
        !qc_section_ok(h, h->off_articles, n * sizeof(qc_image_article), len) ||
        !qc_section_ok(h, h->off_strings, h->len_strings, len) ||
        !qc_section_ok(h, h->off_sigs, n * QC_SIG_BINS * 2, len) ||
        !qc_section_ok(h, h->off_shingles, n * 4, len) ||
        !qc_section_ok(h, h->off_buckets, (nb + 1) * 4, len) ||
        !qc_section_ok(h, h->off_postings, h->len_postings, len) || h->len_strings == 0 ||
        base[h->off_strings + h->len_strings - 1] != '\0' || h->len_postings > UINT32_MAX) {
        qc_error_set("inconsistent section table");
        return QC_EINVAL;
    }
    img->base = base;
    img->len = len;
    img->h = h;
    img->articles = (const qc_image_article *)(base + h->off_articles);
    img->strings = (const char *)(base + h->off_strings);
    img->sigs = (const uint16_t *)(base + h->off_sigs);
    img->shingles = (const uint32_t *)(base + h->off_shingles);
    img->buckets = (const uint32_t *)(base + h->off_buckets);
    img->postings = base + h->off_postings;
    for (uint64_t b = 0; b < nb; b++)
        if (img->buckets[b] > img->buckets[b + 1]) {
            qc_error_set("posting offsets out of order");
            return QC_EINVAL;
        }
    if (img->buckets[0] != 0 || img->buckets[nb] != h->len_postings) {
        qc_error_set("posting offsets out of range");
        return QC_EINVAL;
    }
    for (uint64_t i = 0; i < n; i++) {
        const qc_image_article *a = &img->articles[i];
        uint32_t strs[] = { a->path, a->outlet, a->date, a->byline, a->url, a->dateline };
        for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
            if (strs[k] != QC_NO_STR && strs[k] >= h->len_strings) {
                qc_error_set("article %llu: string out of range", (unsigned long long)i);
                return QC_EINVAL;
            }
        if (a->path == QC_NO_STR || a->dir >= h->ndirs || a->kind >= QC_KIND_COUNT ||
            a->cluster >= h->nclusters) {
            qc_error_set("article %llu: bad record", (unsigned long long)i);
            return QC_EINVAL;
        }
    }
    return 0;
}

int qc_image_load_file(qc_image *img, const char *path)
{
    memset(img, 0, sizeof *img);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        qc_error_set("%s: %s", path, strerror(errno));
        return errno == ENOENT ? QC_ENOTFOUND : QC_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        qc_error_set("%s: empty or not a regular file", path);
        return QC_EINVAL;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        qc_error_set("%s: cannot map: %s", path, strerror(errno));
        return QC_EIO;
    }
    int rc = qc_image_open(img, map, len);
    if (rc) {
        munmap(map, len);
        memset(img, 0, sizeof *img);
        return rc;
    }
    img->map = map;
    return 0;
}

void qc_image_release(qc_image *img)
{
    if (img->map)
        munmap(img->map, img->len);
    free(img->heap);
    memset(img, 0, sizeof *img);
}

/* ---- building ------------------------------------------------------------------- */

typedef struct qc_blob {
    uint8_t *data;
    size_t len, cap;
} qc_blob;

static uint32_t qc_blob_str(qc_blob *b, const char *s)
{
    if (!s)
        return QC_NO_STR;
    size_t n = strlen(s) + 1;
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->data = qc_realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return (uint32_t)(b->len - n);
}

static size_t qc_align8(size_t x) { return (x + 7) & ~(size_t)7; }

uint8_t *qc_image_build(const qc_image *old, qc_build_article *arts, size_t n, uint32_t nbuckets,
                        const char *const *dirs, size_t ndirs, size_t *out_len)
{
    (void)dirs;
    size_t oldn = old && old->h ? old->h->narticles : 0;
    int use_old = oldn && old->h->nbuckets == nbuckets;
    int32_t *map = qc_malloc((oldn ? oldn : 1) * sizeof *map);
    for (size_t i = 0; i < oldn; i++)
        map[i] = -1;
    for (size_t i = 0; i < n; i++)
        if (arts[i].old >= 0 && use_old)
            map[arts[i].old] = (int32_t)i;

    /* clusters */
    uint16_t *sigs = qc_malloc((n ? n : 1) * QC_SIG_BINS * sizeof *sigs);
    uint32_t *shingles = qc_malloc((n ? n : 1) * sizeof *shingles);
    uint32_t *cluster = qc_malloc((n ? n : 1) * sizeof *cluster);
    uint64_t words = 0, text_bytes = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(sigs + i * QC_SIG_BINS, arts[i].sig, sizeof arts[i].sig);
        shingles[i] = arts[i].shingles;
        words += arts[i].words;
        text_bytes += arts[i].size;
    }
    uint32_t nclusters = qc_corpus_cluster(sigs, shingles, n, cluster);

    /* postings, pass 1: sizes */
    uint32_t *count = qc_calloc((size_t)nbuckets + 1, sizeof *count);
    uint32_t *bytes = qc_calloc((size_t)nbuckets + 1, sizeof *bytes);
    uint32_t *last = qc_malloc(((size_t)nbuckets + 1) * sizeof *last);
    memset(last, 0xff, ((size_t)nbuckets + 1) * sizeof *last);
    if (use_old) {
        for (uint32_t b = 0; b < nbuckets; b++) {
            uint32_t c, v, prev = 0;
            const uint8_t *end, *p = qc_image_list(old, b, &c, &end);
            for (uint32_t k = 0; k < c && qc_varint_get(&p, end, &v); k++) {
                uint32_t od = k ? prev + v : v;
                prev = od;
                if (od >= oldn || map[od] < 0)
                    continue;
                uint32_t nd = (uint32_t)map[od];
                bytes[b] += (uint32_t)qc_varint_len(last[b] == UINT32_MAX ? nd : nd - last[b]);
                last[b] = nd;
                count[b]++;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (arts[i].old >= 0 && use_old)
            continue;
        for (uint32_t k = 0; k < arts[i].nbuckets_used; k++) {
            uint32_t b = arts[i].buckets[k];
            uint32_t d = (uint32_t)i;
            bytes[b] += (uint32_t)qc_varint_len(last[b] == UINT32_MAX ? d : d - last[b]);
            last[b] = d;
            count[b]++;
        }
    }
    uint32_t *offs = qc_malloc(((size_t)nbuckets + 1) * sizeof *offs);
    uint64_t total = 0, npostings = 0;
    for (uint32_t b = 0; b < nbuckets; b++) {
        offs[b] = (uint32_t)total;
        if (count[b])
            total += qc_varint_len(count[b]) + bytes[b];
        npostings += count[b];
    }
    offs[nbuckets] = (uint32_t)total;

    /* strings */
    qc_blob str = { NULL, 0, 0 };
    qc_blob_str(&str, "");
    qc_image_article *recs = qc_calloc(n ? n : 1, sizeof *recs);
    for (size_t i = 0; i < n; i++) {
        qc_build_article *a = &arts[i];
        qc_image_article *r = &recs[i];
        r->dir = a->dir;
        r->path = qc_blob_str(&str, a->relpath);
        r->outlet = qc_blob_str(&str, a->meta.outlet);
        r->date = qc_blob_str(&str, a->meta.date);
        r->byline = qc_blob_str(&str, a->meta.byline);
        r->url = qc_blob_str(&str, a->meta.url);
        r->dateline = qc_blob_str(&str, a->meta.dateline);
        r->kind = (uint8_t)(a->meta.kind == QC_KIND_COUNT ? QC_KIND_UNKNOWN : a->meta.kind);
        r->via_blog = a->meta.via_blog;
        r->has_cred = a->meta.has_credibility;
        r->meta_source = a->meta_source;
        r->credibility = (float)a->meta.credibility;
        r->cluster = cluster[i];
        r->words = a->words;
        r->size = a->size;
        r->mtime_ns = a->mtime_ns;
        r->content_hash = a->content_hash;
        r->sidecar_hash = a->sidecar_hash;
        memcpy(r->blob, a->blob, sizeof r->blob);
        r->has_blob = a->has_blob;
    }

    /* layout */
    qc_image_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, QC_IMAGE_MAGIC, 8);
    h.version = QC_IMAGE_VERSION;
    h.endian = QC_ENDIAN_MARK;
    h.narticles = (uint32_t)n;
    h.nbuckets = nbuckets;
    h.ndirs = (uint32_t)ndirs;
    h.nclusters = nclusters;
    h.total_words = words;
    h.npostings = npostings;
    h.text_bytes = text_bytes;
    size_t off = qc_align8(sizeof h);
    h.off_articles = off;
    off = qc_align8(off + n * sizeof *recs);
    h.off_strings = off;
    h.len_strings = str.len;
    off = qc_align8(off + str.len);
    h.off_sigs = off;
    off = qc_align8(off + n * QC_SIG_BINS * 2);
    h.off_shingles = off;
    off = qc_align8(off + n * 4);
    h.off_buckets = off;
    off = qc_align8(off + ((size_t)nbuckets + 1) * 4);
    h.off_postings = off;
    h.len_postings = total;
    off = qc_align8(off + total);
    h.file_len = off;
    uint8_t *buf = qc_calloc(off, 1);
    memcpy(buf + h.off_articles, recs, n * sizeof *recs);
    memcpy(buf + h.off_strings, str.data, str.len);
    memcpy(buf + h.off_sigs, sigs, n * QC_SIG_BINS * 2);
    memcpy(buf + h.off_shingles, shingles, n * 4);
    memcpy(buf + h.off_buckets, offs, ((size_t)nbuckets + 1) * 4);

    /* postings, pass 2: write */
    uint8_t *post = buf + h.off_postings;
    uint32_t *cur = offs;   /* reuse as write cursors */
    memset(last, 0xff, ((size_t)nbuckets + 1) * sizeof *last);
    for (uint32_t b = 0; b < nbuckets; b++)
        if (count[b])
            cur[b] += (uint32_t)qc_varint_put(post + cur[b], count[b]);
    if (use_old) {
        for (uint32_t b = 0; b < nbuckets; b++) {
            uint32_t c, v, prev = 0;
            const uint8_t *end, *p = qc_image_list(old, b, &c, &end);
            for (uint32_t k = 0; k < c && qc_varint_get(&p, end, &v); k++) {
                uint32_t od = k ? prev + v : v;
                prev = od;
                if (od >= oldn || map[od] < 0)
                    continue;
                uint32_t nd = (uint32_t)map[od];
                cur[b] += (uint32_t)qc_varint_put(post + cur[b], last[b] == UINT32_MAX ? nd : nd - last[b]);
                last[b] = nd;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (arts[i].old >= 0 && use_old)
            continue;
        for (uint32_t k = 0; k < arts[i].nbuckets_used; k++) {
            uint32_t b = arts[i].buckets[k];
            uint32_t d = (uint32_t)i;
            cur[b] += (uint32_t)qc_varint_put(post + cur[b], last[b] == UINT32_MAX ? d : d - last[b]);
            last[b] = d;
        }
    }
    qc_image_header *hp = (qc_image_header *)buf;
    memcpy(hp, &h, sizeof h);
    hp->checksum = qc_image_sum(buf, off);

    free(map);
    free(sigs);
    free(shingles);
    free(cluster);
    free(count);
    free(bytes);
    free(last);
    free(offs);
    free(str.data);
    free(recs);
    *out_len = off;
    return buf;
}
