// template.cc: the C adapter over Google ctemplate (see template.h).
// Exceptions never cross into C: each entry point catches everything.
#include <ctemplate/template.h>
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

extern "C" int
tpl_set_root(const char *dir)
{
	try {
		return ctemplate::mutable_default_template_cache()->
		    SetTemplateRootDirectory(dir) ? 0 : -1;
	} catch (...) {
		return -1;
	}
}

extern "C" int
tpl_preload(const char *const *files)
{
	try {
		for (; *files != nullptr; files++) {
			if (!ctemplate::mutable_default_template_cache()->
			    LoadTemplate(*files, ctemplate::STRIP_WHITESPACE)) {
				log_error("template %s is missing or does not parse "
				    "(the lines above name the error)", *files);
				return -1;
			}
		}
		return 0;
	} catch (...) {
		log_error("loading templates failed");
		return -1;
	}
}

extern "C" void
tpl_reload(void)
{
	try {
		ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(
		    ctemplate::TemplateCache::IMMEDIATE_RELOAD);
	} catch (...) {
		log_error("reloading templates failed");
	}
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

		if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_WHITESPACE,
		    reinterpret_cast<const TemplateDictionary *>(d), &s)) {
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
