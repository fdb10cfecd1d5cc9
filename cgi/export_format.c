/* export_format.c: what the writer and the reader of the export file
 * share (see export_format.h): the import hash, slugs, photo names, times. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export_format.h"
#include "seed_parser.h"

static const struct {
	const char	*ext;
	const char	*mime;
} photo_types[] = {
	{ "jpg", "image/jpeg" }, { "png", "image/png" },
	{ "gif", "image/gif" }, { "webp", "image/webp" },
};

#define HEX	"0123456789abcdef"

/* Adds "<length>:<bytes>" of S to the hash, so that no two lists of fields
 * hash alike by moving bytes from one field to the next. */
static void
hash_field(crypto_generichash_state *st, const char *s)
{
	char len[24];

	snprintf(len, sizeof(len), "%zu:", strlen(s));
	crypto_generichash_update(st, (const unsigned char *)len, strlen(len));
	crypto_generichash_update(st, (const unsigned char *)s, strlen(s));
}

static void
hash_number(crypto_generichash_state *st, long long n)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", n);
	hash_field(st, num);
}

void
export_article_hash(const struct export_article *ar, char hex[65])
{
	crypto_generichash_state st;
	unsigned char hash[32];

	crypto_generichash_init(&st, NULL, 0, sizeof(hash));
	/* Names the form, so no other import hash (a seed file's) collides. */
	hash_field(&st, "gazette-export article 1");
	hash_number(&st, ar->id);
	hash_field(&st, ar->section ? ar->section : "");
	hash_field(&st, ar->title);
	hash_field(&st, ar->author);
	hash_field(&st, ar->source);
	hash_field(&st, ar->published_on);
	hash_field(&st, ar->status);
	hash_field(&st, ar->body);
	hash_number(&st, ar->created_at);
	hash_number(&st, ar->updated_at);
	crypto_generichash_final(&st, hash, sizeof(hash));
	sodium_bin2hex(hex, 65, hash, sizeof(hash));
}

int
export_slug_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= EXPORT_SLUG_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

const char *
export_photo_type(const char *name)
{
	const char *dot = strchr(name, '.');

	if (dot == NULL || dot - name != 32 || strspn(name, HEX) != 32)
		return NULL;
	for (size_t i = 0; i < sizeof(photo_types) / sizeof(photo_types[0]); i++)
		if (strcmp(dot + 1, photo_types[i].ext) == 0)
			return photo_types[i].mime;
	return NULL;
}

int
export_next_photo(const char *body, size_t *pos, char name[64])
{
	const char *p = body + *pos;

	while ((p = strstr(p, "/media/")) != NULL) {
		size_t n;

		p += 7;
		n = strspn(p, HEX);
		if (n != 32 || p[32] != '.')
			continue;
		n = 33 + strspn(p + 33, "abcdefghijklmnopqrstuvwxyz");
		if (n >= 64)
			continue;
		memcpy(name, p, n);
		name[n] = '\0';
		if (export_photo_type(name) == NULL)
			continue;
		*pos = (size_t)(p + n - body);
		return 1;
	}
	*pos = strlen(body);
	return 0;
}

/* Days from 1970-01-01 to Y-M-D of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil): parsing needs no time zone. */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return 0;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 1;
}

int
export_parse_time(const char *s, long long *t)
{
	char date[11];
	int h, mi, sec;

	if (strlen(s) != EXPORT_TIME_LEN || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z' || !two_digits(s + 11, &h) ||
	    !two_digits(s + 14, &mi) || !two_digits(s + 17, &sec) || h > 23 ||
	    mi > 59 || sec > 59)
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!seed_date_valid(date) || memcmp(date, "1970", 4) < 0)
		return 0;
	*t = days_from_civil(atoi(date), atoi(date + 5), atoi(date + 8)) * 86400 +
	    h * 3600 + mi * 60 + sec;
	return 1;
}

int
export_format_time(long long t, char out[EXPORT_TIME_LEN + 1])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < 0 || t > 253402300799LL || gmtime_r(&tt, &tm) == NULL)
		return -1;
	strftime(out, EXPORT_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}
