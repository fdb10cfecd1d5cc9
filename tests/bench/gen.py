#!/usr/bin/env python3
"""gen.py: the articles of `make bench`, as seed files or straight into a database.

Article i is the same every time (its random generator is seeded with i), so
the two ways of loading give the same rows and a cached database can be
trusted. Sizes are those of the association's real articles: titles of about
60 characters mixing English and Chinese, bodies of 3 to 8 paragraphs
(1 to 3 KB), dates spread over 16 years, four sections.

  gen.py seeds DIR FIRST COUNT N  write seed files FIRST..FIRST+COUNT-1 (of N) into DIR
  gen.py fill DB BINARY N         a database of N articles, fast (see fill())
  gen.py terms N                  the planted search terms, one per line

Planted terms, for the bench's search pages (bench.sh reads `terms`):
  RARE    in the body of one article only (the middle one)
  COMMON  an English word in about 90 % of the articles
  ZH2     a two-character Chinese word in about 90 % (trigram search cannot
          index it: the responder's short-term path is measured)
The generated vocabulary contains none of them, so their counts are exact.
"""
import datetime
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

RARE = "quokkabench"
COMMON = "community"
ZH2 = "医院"

CRUMBS = [
    "HOME > SERVICE >Activities",     # the section every new database has
    "HOME > NEWS >Notices",
    "HOME > NEWS >Industry news",
    "HOME > PARTY BUILDING >Study",
]
AUTHORS = ["管理员", "党群服务与组织管理", "Editorial Office", "Li Qin", "学术活动服务部",
           "Zeng Bin", "Science and Discipline Service"]

# No word may contain (or, joined by a space, form) a planted term; no
# character here is markup for CommonMark (the importer would escape it and
# the fast path would then store a different body).
EN_WORDS = """
party branch members medical association meeting study spirit health service
center clinic doctors nurses patients training quality control
discipline science technology research academic exchange experts city district
high-tech zone activity day theme lecture secretary director department work
practice innovation platform policy documents actions results responsibility
mission original aspiration vanguard role cadres comrades volunteers epidemic
prevention battle front line deeds discussion organisation summary report plan
annual review progress development reform grassroots public welfare education
culture history learning session seminar forum conference committee council
standard guideline safety emergency response rural urban residents families
elderly children women youth sports nutrition vaccination screening survey data
records archive digital system network information office staff team leader
member representative delegation visit inspection guidance support cooperation
partnership university college school laboratory project funding award honour
recognition ceremony celebration anniversary spring summer autumn winter morning
afternoon evening hall room floor building campus site region province country
""".split()

# Two-character words; none holds 医 or 院, so 医院 appears only where planted.
ZH_WORDS = """
党员 支部 学会 活动 学习 精神 服务 中心 社区 卫生 专家 学术 交流 科技 创新 平台 政策
文件 工作 实践 责任 使命 初心 先锋 模范 干部 同志 志愿 疫情 防控 一线 事迹 讨论 组织
总结 报告 计划 年度 进展 发展 改革 基层 公益 教育 文化 历史 会议 论坛 委员 标准 安全
应急 农村 城市 居民 家庭 老人 儿童 妇女 青年 体育 营养 疫苗 筛查 调查 数据 档案 数字
系统 网络 信息 办公 团队 代表 访问 检查 指导 支持 合作 大学 学校 实验 项目 资金 荣誉
表彰 仪式 庆祝 周年 春季 夏季 秋季 冬季 上午 下午 晚上 大厅 楼层 园区 地区 省份 国家
成都 高新 四川 护士 患者 培训 质量 控制 学科 研究 主题 讲座 书记 主任 部门 成果 行动
""".split()


def _pools():
    """Sentence pools built once; articles pick whole sentences from them,
    which is fast enough for a million articles and still varied text."""
    r = random.Random(20240501)
    en, zh = [], []
    for _ in range(4000):
        words = [r.choice(EN_WORDS) for _ in range(r.randint(8, 20))]
        en.append(" ".join(words).capitalize() + ".")
        parts = ["".join(r.choice(ZH_WORDS) for _ in range(r.randint(3, 7)))
                 for _ in range(r.randint(2, 4))]
        zh.append("，".join(parts) + "。")
    return en, zh


EN_SENT, ZH_SENT = _pools()
START = 733772          # 2010-01-01 as a proleptic Gregorian ordinal
DAYS = 16 * 365         # to the end of 2025


def article(i, n):
    """(crumb, title, author, date, paragraphs) of article i of n."""
    r = random.Random(i)
    crumb = CRUMBS[i] if i < len(CRUMBS) else r.choice(CRUMBS)
    date = datetime.date.fromordinal(START + r.randrange(DAYS)).isoformat()
    title = (" ".join(r.choice(EN_WORDS) for _ in range(r.randint(4, 6))).capitalize()
             + " " + "".join(r.choice(ZH_WORDS) for _ in range(r.randint(4, 7))))
    title = f"{title} {i}"
    paras = []
    for _ in range(r.randint(3, 8)):
        pool = ZH_SENT if r.random() < 0.5 else EN_SENT
        sep = " " if pool is EN_SENT else ""
        paras.append(sep.join(r.choice(pool) for _ in range(r.randint(2, 4))))
    if r.random() < 0.9:
        paras.insert(r.randrange(len(paras) + 1),
                     f"The {COMMON} health service center of the district {ZH2}服务中心 took part.")
    if i == n // 2:
        paras.append(f"This article alone mentions the {RARE} programme.")
    return crumb, title, r.choice(AUTHORS), date, paras


def seed_text(a):
    crumb, title, author, date, paras = a
    return f"Now:{crumb}\n{title}\nAuthor:{author}\u00a0\u00a0Addtime:{date}\n\n" + \
        "\n\n".join(paras) + "\n"


def excerpt(paras, max_chars=160):
    """What cgi/markdown.c markdown_excerpt makes of these plain paragraphs:
    their text joined by spaces, cut after 160 characters with an ellipsis."""
    text = " ".join(paras)
    while "  " in text:
        text = text.replace("  ", " ")
    if len(text) <= max_chars:
        return text
    return text[:max_chars].rstrip(" ") + "…"


def write_seeds(folder, first, count, n):
    os.makedirs(folder, exist_ok=True)
    for i in range(first, first + count):
        with open(os.path.join(folder, f"{i:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(seed_text(article(i, n)))


def fill(db, binary, n):
    """Migrates DB with the binary, imports the first articles with it (so
    the sections are made by gazette's own code), then inserts the rest in
    one transaction with the same values the importer would store. The
    triggers keep section_stats, the search index and the revision right."""
    subprocess.run([binary, "--db", db, "migrate"], check=True, stdout=subprocess.DEVNULL)
    head = min(n, len(CRUMBS))
    with tempfile.TemporaryDirectory() as tmp:
        write_seeds(tmp, 0, head, n)
        files = sorted(os.path.join(tmp, f) for f in os.listdir(tmp))
        subprocess.run([binary, "--db", db, "import", "--media", os.path.join(tmp, "m"), *files],
                       check=True, stdout=subprocess.DEVNULL)
    con = sqlite3.connect(db, isolation_level=None)
    # The database is scratch until this finishes: no fsync, a big cache.
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    sections = {}
    for crumb in CRUMBS:
        parent = None
        for t in [p.strip() for p in crumb.split(">")]:
            row = con.execute("SELECT id FROM section WHERE parent_id IS ? AND title = ?",
                              (parent, t)).fetchone()
            parent = row[0]
        sections[crumb] = parent
    now = int(time.time())

    def rows():
        for i in range(head, n):
            a = article(i, n)
            text = seed_text(a).encode()
            yield (sections[a[0]], a[1], a[2], a[3], excerpt(a[4]), "\n\n".join(a[4]),
                   "published", hashlib.blake2b(text, digest_size=32).hexdigest(), now, now, "")
            if i % 100000 == 0 and i:
                print(f"  {i} articles", file=sys.stderr, flush=True)
    con.execute("BEGIN")
    con.executemany("INSERT INTO article(section_id, title, author, published_on, excerpt, body, "
                    "status, import_hash, created_at, updated_at, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    con.execute("COMMIT")
    con.close()


def main():
    cmd = sys.argv[1:2]
    if cmd == ["seeds"]:
        folder, first, count, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        write_seeds(folder, first, count, n)
    elif cmd == ["fill"]:
        fill(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == ["terms"]:
        print(RARE, COMMON, ZH2, sep="\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
