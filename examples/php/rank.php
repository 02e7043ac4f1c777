<?php
// Ranks a year through cchc's C API from PHP, as a Laravel portal would (PHP's FFI).
//
//   php -d ffi.enable=1 examples/php/rank.php LIBCCHC.so DATA_DIR
//
// DATA_DIR holds criteria.yaml, units.csv and evidence.csv, and may hold expected.csv (a
// published table: group,rank,code,name,total,index,band): every row is then checked and
// the exit status is 1 on any difference. Numbers stay exact decimal strings ("92.93"):
// never PHP floats. examples/php/README.md says more.
declare(strict_types=1);

if ($argc !== 3) {
    fwrite(STDERR, "usage: php -d ffi.enable=1 rank.php LIBCCHC.so DATA_DIR\n");
    exit(2);
}
[, $library, $dir] = $argv;

// The part of include/cchc/cchc.h this example uses (FFI reads declarations, not macros).
$cchc = FFI::cdef(<<<'C'
typedef struct cchc_diagnostics cchc_diagnostics;
typedef struct cchc_criteria cchc_criteria;
typedef struct cchc_evaluation cchc_evaluation;
typedef struct cchc_ranking cchc_ranking;
const char* cchc_version(void);
void cchc_string_free(char* text);
int cchc_request_json(const char* request, char** response);
size_t cchc_diagnostics_count(const cchc_diagnostics* diagnostics);
const char* cchc_diagnostic_text(const cchc_diagnostics* diagnostics, size_t i);
void cchc_diagnostics_free(cchc_diagnostics* diagnostics);
int cchc_criteria_load(const char* path, cchc_criteria** criteria, cchc_diagnostics** diagnostics);
void cchc_criteria_free(cchc_criteria* criteria);
int cchc_evaluation_load(const cchc_criteria* criteria, const char* units_path, const char* evidence_path,
                         int missing_as_zero, cchc_evaluation** evaluation, cchc_diagnostics** diagnostics);
void cchc_evaluation_free(cchc_evaluation* evaluation);
int cchc_rank(const cchc_evaluation* evaluation, cchc_ranking** ranking, cchc_diagnostics** diagnostics);
size_t cchc_ranking_count(const cchc_ranking* ranking);
const char* cchc_ranking_code(const cchc_ranking* ranking, size_t position);
const char* cchc_ranking_name(const cchc_ranking* ranking, size_t position);
const char* cchc_ranking_group(const cchc_ranking* ranking, size_t position);
const char* cchc_ranking_total(const cchc_ranking* ranking, size_t position);
const char* cchc_ranking_index(const cchc_ranking* ranking, size_t position);
int cchc_ranking_rank(const cchc_ranking* ranking, size_t position);
const char* cchc_ranking_band(const cchc_ranking* ranking, size_t position);
void cchc_ranking_free(cchc_ranking* ranking);
C, $library);

/** Text from clerks' files, safe for a terminal: control, bidi and invisible characters as <U+XXXX>. */
function shown(string $text): string
{
    return preg_replace_callback(
        '/[\x{0}-\x{1F}\x{7F}-\x{9F}\x{61C}\x{200B}-\x{200F}\x{2028}-\x{202E}\x{2060}-\x{2064}\x{2066}-\x{2069}\x{FEFF}]/u',
        fn (array $m): string => sprintf('<U+%04X>', unpack('N', iconv('UTF-8', 'UCS-4BE', $m[0]))[1]),
        $text
    ) ?? '<invalid UTF-8>';
}

/** Prints a load's diagnostics (errors, or warnings) and frees them. */
function report(FFI $cchc, $diagnostics): void
{
    if (FFI::isNull($diagnostics)) {
        return;
    }
    for ($i = 0; $i < $cchc->cchc_diagnostics_count($diagnostics); $i++) {
        fwrite(STDERR, $cchc->cchc_diagnostic_text($diagnostics, $i) . "\n");
    }
    $cchc->cchc_diagnostics_free($diagnostics);
}

echo "cchc ", $cchc->cchc_version(), " through PHP ", PHP_VERSION, " FFI\n";

// 1. Handles: load the set once, then a year, score and rank, read exact strings.
$set = $cchc->new('cchc_criteria*');
$diagnostics = $cchc->new('cchc_diagnostics*');
$status = $cchc->cchc_criteria_load("$dir/criteria.yaml", FFI::addr($set), FFI::addr($diagnostics));
report($cchc, $diagnostics);
if ($status !== 0) {
    exit(1);
}
$year = $cchc->new('cchc_evaluation*');
$status = $cchc->cchc_evaluation_load($set, "$dir/units.csv", "$dir/evidence.csv", 0, FFI::addr($year), FFI::addr($diagnostics));
report($cchc, $diagnostics);
$cchc->cchc_criteria_free($set);
if ($status !== 0) {
    exit(1);
}
$ranking = $cchc->new('cchc_ranking*');
$status = $cchc->cchc_rank($year, FFI::addr($ranking), FFI::addr($diagnostics));
report($cchc, $diagnostics);
$cchc->cchc_evaluation_free($year);
if ($status !== 0) {
    exit(1);
}
$rows = [];
for ($i = 0; $i < $cchc->cchc_ranking_count($ranking); $i++) {
    $rank = $cchc->cchc_ranking_rank($ranking, $i);
    $rows[] = [
        'group' => $cchc->cchc_ranking_group($ranking, $i),
        'rank' => $rank === 0 ? '' : (string)$rank,
        'code' => $cchc->cchc_ranking_code($ranking, $i),
        'name' => $cchc->cchc_ranking_name($ranking, $i),
        'total' => $cchc->cchc_ranking_total($ranking, $i),
        'index' => $cchc->cchc_ranking_index($ranking, $i),
        'band' => $cchc->cchc_ranking_band($ranking, $i),
    ];
}
$cchc->cchc_ranking_free($ranking);

printf("%-6s %4s  %-40s %8s %8s  %s\n", 'group', 'rank', 'name', 'total', 'index', 'band');
foreach ($rows as $r) {
    // Pad the Vietnamese name by characters, not bytes (PCRE counts them; mbstring may be absent).
    $name = shown($r['name']);
    $name .= str_repeat(' ', max(0, 40 - preg_match_all('/./us', $name)));
    printf("%-6s %4s  %s %8s %8s  %s\n", shown($r['group']), $r['rank'], $name, $r['total'], $r['index'], shown($r['band']));
}

// 2. One call: the same ranking as `cchc rank --format json`. Only the order of codes is
// read here: json_decode would turn 92.93 into a float.
$request = json_encode([
    'command' => 'rank',
    'criteria' => ['path' => "$dir/criteria.yaml"],
    'units' => ['path' => "$dir/units.csv"],
    'evidence' => ['path' => "$dir/evidence.csv"],
], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
$response = $cchc->new('char*');
$status = $cchc->cchc_request_json($request, FFI::addr($response));
$answer = FFI::string($response);
$cchc->cchc_string_free($response);
$failures = [];
if ($status !== 0) {
    $failures[] = "cchc_request_json: status $status: $answer";
} else {
    $codes = array_column(json_decode($answer, true, 512, JSON_THROW_ON_ERROR)['units'], 'code');
    if ($codes !== array_column($rows, 'code')) {
        $failures[] = 'cchc_request_json lists the units in another order than the handles';
    }
}

// 3. The published table, row by row, compared as text.
$expected_file = "$dir/expected.csv";
if (is_file($expected_file)) {
    $published = [];
    $csv = fopen($expected_file, 'rb');
    $header = fgetcsv($csv, null, ',', '"', '');
    while (($line = fgetcsv($csv, null, ',', '"', '')) !== false) {
        if ($line === [null]) {
            continue;
        }
        $row = array_combine($header, $line);
        $published[$row['code']] = $row;
    }
    fclose($csv);
    $ours = array_column($rows, null, 'code');
    foreach ($published as $code => $want) {
        if (!isset($ours[$code])) {
            $failures[] = "$code: published, not ranked";
            continue;
        }
        foreach (['group', 'rank', 'name', 'total', 'index', 'band'] as $key) {
            if ($ours[$code][$key] !== $want[$key]) {
                $failures[] = "$code: $key {$ours[$code][$key]}, published {$want[$key]}";
            }
        }
    }
    if (count($ours) !== count($published)) {
        $failures[] = count($ours) . ' units ranked, ' . count($published) . ' published';
    }
    if (!$failures) {
        echo "the published table: all ", count($published), " rows agree (group, rank, name, total, index, band)\n";
    }
}
foreach ($failures as $failure) {
    fwrite(STDERR, 'MISMATCH: ' . shown($failure) . "\n");
}
exit($failures ? 1 : 0);
