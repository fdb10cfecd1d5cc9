// template.cc: the C adapter over Google ctemplate (see template.h).
// Exceptions never cross into C: each entry point catches everything.
#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

#include <cstdio>
#include <new>
#include <string>

extern "C" {
#include "log.h"
#include "strbuf.h"
#include "template.h"
}

using ctemplate::TemplateDictionary;

// An opaque handle is the dictionary itself.
static TemplateDictionary *
dict(tpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static tpl_dict *
handle(TemplateDictionary *d)
{
	return reinterpret_cast<tpl_dict *>(d);
}

// The templates in use: parsed, checked and frozen, so expanding never
// reads a file. A reload builds a whole new cache and swaps it in only
// when every file parsed, so a broken edit never replaces a good copy.
// A forked worker inherits its parent's.
static ctemplate::TemplateCache *live;
static std::string live_dir;

extern "C" int
tpl_load(const char *dir, const char *const *files)
{
	ctemplate::TemplateCache *fresh = nullptr;

	if (dir == nullptr)
		return -1;
	try {
		fresh = new ctemplate::TemplateCache();
		if (!fresh->SetTemplateRootDirectory(dir)) {
			log_error("template folder %s cannot be used", dir);
			delete fresh;
			return -1;
		}
		for (; *files != nullptr; files++) {
			if (!fresh->LoadTemplate(*files, ctemplate::STRIP_WHITESPACE)) {
				log_error("template %s in %s is missing or does "
				    "not parse (the lines above name the error)",
				    *files, dir);
				delete fresh;
				return -1;
			}
		}
		fresh->Freeze();
		live_dir = dir;
		delete live;
		live = fresh;
		return 0;
	} catch (...) {
		log_error("loading templates from %s failed", dir);
		delete fresh;
		return -1;
	}
}

extern "C" int
tpl_loaded_from(const char *dir)
{
	return live != nullptr && live_dir == dir;
}

extern "C" void
tpl_set_global(const char *key, const char *value)
{
	try {
		TemplateDictionary::SetGlobalValue(key, value);
	} catch (...) {
		log_error("template global %s not set", key);
	}
}

extern "C" tpl_dict *
tpl_dict_new(void)
{
	try {
		return handle(new TemplateDictionary("page"));
	} catch (...) {
		return nullptr;
	}
}

extern "C" void
tpl_dict_free(tpl_dict *d)
{
	delete dict(d);
}

extern "C" void
tpl_set(tpl_dict *d, const char *key, const char *value)
{
	if (d == nullptr || value == nullptr)
		return;
	try {
		dict(d)->SetValue(key, value);
	} catch (...) {
	}
}

extern "C" void
tpl_set_template_global(tpl_dict *d, const char *key, const char *value)
{
	if (d == nullptr || value == nullptr)
		return;
	try {
		dict(d)->SetTemplateGlobalValue(key, value);
	} catch (...) {
	}
}

extern "C" void
tpl_set_int(tpl_dict *d, const char *key, long long value)
{
	char buf[32];

	std::snprintf(buf, sizeof(buf), "%lld", value);
	tpl_set(d, key, buf);
}

extern "C" tpl_dict *
tpl_add_section(tpl_dict *d, const char *name)
{
	if (d == nullptr)
		return nullptr;
	try {
		return handle(dict(d)->AddSectionDictionary(name));
	} catch (...) {
		return nullptr;
	}
}

extern "C" void
tpl_show_section(tpl_dict *d, const char *name)
{
	if (d == nullptr)
		return;
	try {
		dict(d)->ShowSection(name);
	} catch (...) {
	}
}

extern "C" tpl_dict *
tpl_add_include(tpl_dict *d, const char *name, const char *file)
{
	if (d == nullptr)
		return nullptr;
	try {
		TemplateDictionary *inc = dict(d)->AddIncludeDictionary(name);

		inc->SetFilename(file);
		return handle(inc);
	} catch (...) {
		return nullptr;
	}
}

extern "C" int
tpl_expand(const char *file, const tpl_dict *d, struct strbuf *out)
{
	if (d == nullptr)
		return -1;
	try {
		std::string s;

		if (live == nullptr || !live->ExpandNoLoad(file,
		    ctemplate::STRIP_WHITESPACE,
		    reinterpret_cast<const TemplateDictionary *>(d), nullptr, &s)) {
			log_error("expanding template %s failed", file);
			return -1;
		}
		strbuf_append(out, s.data(), s.size());
		return out->failed ? -1 : 0;
	} catch (...) {
		log_error("expanding template %s threw", file);
		return -1;
	}
}
