/* http_conditional.c: If-None-Match and If-Modified-Since, read strictly
 * enough that nothing odd ever yields a wrong 304 (when in doubt, the
 * answer is the full page). */
#include <string.h>

#include "http_conditional.h"

static const char *const weekdays[] = {
	"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"	/* 1970-01-01 was a Thursday */
};
static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Days from 1970-01-01 to Y-M-D in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil, valid for any year here). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

static int
leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* N decimal digits at S: 0 and *V, or -1. */
static int
digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
http_date_parse(const char *s, long long *t)
{
	static const unsigned char mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int day, year, hh, mm, ss, mon = -1, wday = -1;
	long long days;

	/* "Sun, 06 Nov 1994 08:49:37 GMT": exactly 29 bytes. */
	if (s == NULL || strlen(s) != 29 || s[3] != ',' || s[4] != ' ' ||
	    s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
	    s[22] != ':' || s[25] != ' ' || strcmp(s + 26, "GMT") != 0)
		return -1;
	for (int i = 0; i < 7; i++)
		if (strncmp(s, weekdays[i], 3) == 0)
			wday = i;
	for (int i = 0; i < 12; i++)
		if (strncmp(s + 8, months[i], 3) == 0)
			mon = i;
	if (wday < 0 || mon < 0 || digits(s + 5, 2, &day) != 0 ||
	    digits(s + 12, 4, &year) != 0 || digits(s + 17, 2, &hh) != 0 ||
	    digits(s + 20, 2, &mm) != 0 || digits(s + 23, 2, &ss) != 0)
		return -1;
	if (year < 1970 || day < 1 || day > mdays[mon] + (mon == 1 && leap(year)) ||
	    hh > 23 || mm > 59 || ss > 60)
		return -1;
	days = days_from_civil(year, (unsigned)mon + 1, (unsigned)day);
	/* A date whose weekday is wrong was not made by a real clock. */
	if (days % 7 != wday)
		return -1;
	*t = days * 86400 + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
	return 0;
}

void
http_date_format(long long t, char buf[HTTP_DATE_SIZE])
{
	const long long max = 253402300799LL;	/* 9999-12-31 23:59:59 */
	long long days, y, secs;
	unsigned m, d;
	char *p = buf;

	if (t < 0)
		t = 0;
	if (t > max)
		t = max;
	days = t / 86400;
	secs = t % 86400;
	civil_from_days(days, &y, &m, &d);
	memcpy(p, weekdays[days % 7], 3);
	p += 3;
	*p++ = ',';
	*p++ = ' ';
	*p++ = (char)('0' + d / 10);
	*p++ = (char)('0' + d % 10);
	*p++ = ' ';
	memcpy(p, months[m - 1], 3);
	p += 3;
	*p++ = ' ';
	for (long long div = 1000; div > 0; div /= 10)
		*p++ = (char)('0' + (y / div) % 10);
	*p++ = ' ';
	*p++ = (char)('0' + secs / 36000);
	*p++ = (char)('0' + secs / 3600 % 10);
	*p++ = ':';
	*p++ = (char)('0' + secs % 3600 / 600);
	*p++ = (char)('0' + secs % 3600 / 60 % 10);
	*p++ = ':';
	*p++ = (char)('0' + secs % 60 / 10);
	*p++ = (char)('0' + secs % 10);
	memcpy(p, " GMT", 5);
}

/* The opaque part of an entity tag at *P ("W/" dropped, quotes kept out):
 * sets *TAG and *LEN, moves *P past it; -1 when malformed. */
static int
next_tag(const char **p, const char **tag, size_t *len)
{
	const char *s = *p;

	if (s[0] == 'W' && s[1] == '/')
		s += 2;
	if (*s != '"')
		return -1;
	*tag = ++s;
	/* etagc = %x21 / %x23-7E / obs-text: anything visible but '"'. */
	while (*s != '"') {
		unsigned char c = (unsigned char)*s;

		if (c == '\0' || c < 0x21 || c == 0x7f)
			return -1;
		s++;
	}
	*len = (size_t)(s - *tag);
	*p = s + 1;
	return 0;
}

int
http_etag_matches(const char *list, const char *etag)
{
	const char *want, *p, *tag;
	size_t want_len, len;
	int matched = 0;

	if (list == NULL || etag == NULL || strlen(list) > HTTP_CONDITION_MAX)
		return 0;
	p = etag;
	if (next_tag(&p, &want, &want_len) != 0 || *p != '\0')
		return 0;
	p = list + strspn(list, " \t");
	if (*p == '*')
		return p[1 + strspn(p + 1, " \t")] == '\0';
	/* 1#entity-tag: empty elements (",,") are allowed by the list rule. */
	for (;;) {
		p += strspn(p, " \t,");
		if (*p == '\0')
			break;
		if (next_tag(&p, &tag, &len) != 0)
			return 0;	/* one bad element spoils the header */
		if (len == want_len && memcmp(tag, want, len) == 0)
			matched = 1;
		p += strspn(p, " \t");
		if (*p != ',' && *p != '\0')
			return 0;
	}
	return matched;
}

int
http_not_modified(const char *if_none_match, const char *if_modified_since,
    const char *etag, long long last_modified)
{
	long long since;

	if (if_none_match != NULL)
		return http_etag_matches(if_none_match, etag);
	if (if_modified_since == NULL || last_modified <= 0 ||
	    strlen(if_modified_since) > HTTP_CONDITION_MAX ||
	    http_date_parse(if_modified_since, &since) != 0)
		return 0;
	return last_modified <= since;
}
