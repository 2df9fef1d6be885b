#!/usr/bin/env bash
# Entities end to end: the index's counts and filters equal a brute-force count over `dateline-index tag`.
source "$(dirname "$0")/lib.sh"
corpus=$DATELINE_CORPUS

index --db wire.db "$corpus"/wire 2>/dev/null

# Brute force: tag each article (title, blank line, body, as the indexer does) and list its distinct entities.
cat "$corpus"/wire/*.jsonl | jq -c '{id, text: (.title + "\n\n" + (.text // .body))}' > records.jsonl
: > tagged.tsv
while IFS= read -r record; do
  id=$(jq -r .id <<<"$record")
  jq -j .text <<<"$record" | index tag | jq -r --arg id "$id" '[$id, .type + ":" + .id] | @tsv' >> tagged.tsv
done < records.jsonl
sort -u tagged.tsv > articles-entities.tsv

# Article counts per entity.
expected=$(cut -f2 articles-entities.tsv | sort | uniq -c | awk '{print $2, $1}' | sort)
actual=$(query --db wire.db entities --limit 0 --format json | jq -r '.[] | .type + ":" + .id + " " + (.articles | tostring)' | sort)
assert_eq "$actual" "$expected" "entity article counts equal the brute-force count"

# Mention counts: the number of tag lines per entity.
expected_mentions=$(cut -f2 tagged.tsv | sort | uniq -c | awk '{print $2, $1}' | sort)
actual_mentions=$(query --db wire.db entities --limit 0 --format json | jq -r '.[] | .type + ":" + .id + " " + (.mentions | tostring)' | sort)
assert_eq "$actual_mentions" "$expected_mentions" "mention counts"

# Filters: person:, any alias or script, equal the brute-force article sets.
with() { awk -F'\t' -v e="$1" '$2 == e {print $1}' articles-entities.tsv | sort; }
searched() { query --db wire.db search "$1" --limit 1000 --format json | jq -r '.hits[].id' | sort; }
assert_eq "$(searched 'person:"Xi Jinping"')" "$(with person:Q15031)" "person:\"Xi Jinping\""
assert_eq "$(searched 'person:习近平')" "$(with person:Q15031)" "person:习近平"
assert_eq "$(searched 'person:Q15031')" "$(with person:Q15031)" "person:QID"
assert_eq "$(searched 'country:KR')" "$(with country:KR)" "country:KR"
assert_eq "$(searched 'person:Xi person:"Lee Jae Myung"')" "$(comm -12 <(with person:Q15031) <(with person:lee-jae-myung))" "two filters are AND"
assert_eq "$(query --db wire.db search '' --entity 'Lee Jae-myung' --entity APEC --limit 1000 --format json | jq -r '.hits[].id' | sort)" \
  "$(comm -12 <(with person:lee-jae-myung) <(with org:asia-pacific-economic-cooperation))" "--entity"

# Entities restricted by a query count only the matching articles.
in_query=$(with person:Q15031)
expected_with_xi=$(awk -F'\t' 'NR == FNR {keep[$1]; next} $1 in keep {print $2}' <(echo "$in_query") articles-entities.tsv | sort | uniq -c | awk '{print $2, $1}' | sort)
actual_with_xi=$(query --db wire.db entities --entity Q15031 --limit 0 --format json | jq -r '.[] | .type + ":" + .id + " " + (.articles | tostring)' | sort)
assert_eq "$actual_with_xi" "$expected_with_xi" "co-mentioned with Xi"

# Unknown entity: exit 2 with suggestions.
run query --db wire.db search 'person:"Xi Jinpeng"'
assert_eq "$status" 2
assert_contains "$err" 'no such entity "Xi Jinpeng"'
assert_contains "$err" "Xi Jinping"

# The corpus's people, including names the knowledge base lacks.
index --db all.db "$corpus" 2>/dev/null
people=$(query --db all.db entities --type person --limit 0 --format json | jq -r '.[].name')
for name in "Lee Jae-myung" "Xi Jinping" "Donald Trump" "Kim Jong Un" "Sanae Takaichi" "Kim Hye-kyung" "Heo Yoon" "Wi Sung-lac"; do
  assert_contains "$people" "$name" "person found"
done
orgs=$(query --db all.db entities --type org --limit 0 --format json | jq -r '.[].name')
for name in "Asia-Pacific Economic Cooperation" "Sogang University" "Korean Central News Agency" "Hanwha Ocean"; do
  assert_contains "$orgs" "$name" "organisation found"
done
# No junk: days, months and sentence-initial words are never people or organisations.
junk=$(query --db all.db entities --limit 0 --format json | jq -r '.[] | select(.type == "person" or .type == "org") | .name' |
  grep -xiE 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|october|november|the|analysts|officials' || true)
assert_eq "$junk" "" "no junk entities"

# tag: JSON per mention with spans into its input.
out=$(printf 'Xi Jinping met Lee Jae-myung. Lee said.' | index tag)
assert_eq "$(jq -r '.name' <<<"$out" | tr '\n' '|')" "Xi Jinping|Lee Jae-myung|Lee Jae-myung|"
assert_eq "$(jq -r 'select(.text == "Lee") | [.begin, .end, .how, .sentence] | @tsv' <<<"$out")" "$(printf '30\t33\tshort\t1')"

# tag --articles: one line per article, in input order across the batches tagged in parallel, the same entities as
# tagging each text alone.
generate_articles 1300 > many.jsonl
index tag --articles many.jsonl > many-tags.jsonl
assert_eq "$(jq -r .id many-tags.jsonl)" "$(jq -r .id many.jsonl)" "tag --articles keeps input order"
assert_eq "$(jq -r '[.entities[].name] | sort | join(",")' many-tags.jsonl | sort -u)" "Gyeongju,South Korea,United States"
sample=$(sed -n 777p many.jsonl)
assert_eq "$(jq -c '.mentions' < <(sed -n 777p many-tags.jsonl))" \
  "$(jq -r '.title + "\n\n" + .text' <<<"$sample" | index tag | jq -sc '.')" "article 777 tagged as its text alone"

# --entities: a user file adds an entity; a bad line is reported with file:line.
printf 'person\tJane Roe\tJ. Roe\tKR\tanalyst\n robot\tX\n' > mine.tsv
run index tag --entities mine.tsv --format text <<<"Analyst Jane Roe spoke."
assert_contains "$out" "[PERSON Jane Roe]"
assert_contains "$err" "mine.tsv:2: warning: unknown type"
# tag --format conll: a word (a Han or Hangul character) and its IOB2 tag a line; --format json: one object.
printf '国家主席习近平在北京会见法国总统马克龙。\nPresident Lee Jae-myung met Xi Jinping.' | index tag --format conll > tagged.conll
conll=$(cat tagged.conll)
assert_eq "$(awk -F'\t' 'NF == 2 && $2 != "O" {printf "%s%s ", $1, $2}' <<<"$conll")" \
  "习B-PER 近I-PER 平I-PER 北B-LOC 京I-LOC 法B-LOC 国I-LOC 马B-PER 克I-PER 龙I-PER LeeB-PER Jae-myungI-PER XiB-PER JinpingI-PER "
assert_eq "$(grep -c '^$' tagged.conll)" 2 "a blank line after each sentence"
assert_eq "$(printf '이재명 대통령은 서울에서 말했다.' | index tag --format json | jq -r '[.mentions[].text] | join(",")')" "이재명,서울"
run index tag --format xml <<<"x"
assert_eq "$status" 2
assert_contains "$err" "use jsonl, json, text or conll"
echo "entities ok"
