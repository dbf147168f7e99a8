namespace Warta.Web.Discovery.Search;

/// <summary>
/// Our own small dictionary of Indonesian roots and closed compounds, written for business news. Lucene's Indonesian
/// stemmer strips by rule and over-strips words that only look affixed ("kerjasama" → "rjasama", "berita" → "ita",
/// "perdana" → "dana", "persen" → "sen") or drops the consonant a nasal prefix swallowed ("mengerjakan" → "erja"). A word
/// whose root is listed here is reduced to that root by peeling affixes until a listed root remains; anything else is
/// left to the stemmer.
/// </summary>
public static class RootWords
{
    /// <summary>Closed compounds and the two words they are written apart as.</summary>
    static readonly Dictionary<string, string[]> Compounds = new(StringComparer.Ordinal)
    {
        ["kerjasama"] = ["kerja", "sama"],
        ["tandatangan"] = ["tanda", "tangan"],
        ["tanggungjawab"] = ["tanggung", "jawab"],
        ["tatakelola"] = ["tata", "kelola"],
        ["tatacara"] = ["tata", "cara"],
        ["sepakbola"] = ["sepak", "bola"],
        ["dutabesar"] = ["duta", "besar"],
        ["olahraga"] = ["olah", "raga"],
        ["batubara"] = ["batu", "bara"],
        ["sukarela"] = ["suka", "rela"],
        ["sumberdaya"] = ["sumber", "daya"],
        ["lepaslandas"] = ["lepas", "landas"],
    };

    /// <summary>The words compounds split into; Indonesian stop words must not swallow them (see the analyzer).</summary>
    public static IEnumerable<string> CompoundParts => Compounds.Values.SelectMany(p => p).Distinct();

    static readonly HashSet<string> Roots = new(StringComparer.Ordinal)
    {
        // Roots that begin like a prefix (ke-, me-, di-, ter-, pe-, per-, ber-) or end like a suffix.
        "berita", "persen", "perdana", "persero", "pertamina", "perak", "permata", "pesawat", "pensiun", "penalti", "periode",
        "pemilu", "pelita", "pertiwi", "keluarga", "kereta", "kemarin", "kelapa", "kepala", "kelompok", "kemeja", "kertas",
        "keramik", "kerupuk", "kedelai", "keranjang", "kerangka", "kepiting", "kedai", "keliling", "menara", "merdeka",
        "mentega", "medali", "metode", "mekanisme", "media", "mesin", "memori", "mewah", "menteri", "digital", "dinamika",
        "diskon", "diskusi", "direksi", "direktur", "dividen", "diplomasi", "disiplin", "distribusi", "divestasi", "dinas",
        "terminal", "teroris", "terigu", "terowongan", "termin", "sekolah", "masalah", "istilah", "berlian", "beranda",
        "benua", "belanja", "persentase", "taman", "teman", "hutan", "pangan", "jalan", "bulan", "tahun", "badan", "saran", "kawasan",
        "indonesia", "jakarta",
        // Business roots whose affixed forms the stemmer gets wrong (nasal prefixes, per-…-an).
        "kerja", "sama", "tanda", "tangan", "tanggung", "jawab", "tata", "kelola", "cara", "sepak", "bola", "duta", "besar",
        "olah", "raga", "batu", "bara", "suka", "rela", "sumber", "daya", "lepas", "landas", "bank", "saham", "modal", "untung",
        "rugi", "harga", "pasar", "dana", "laba", "pajak", "utang", "ekspor", "impor", "investasi", "investor", "emiten",
        "obligasi", "inflasi", "ekonomi", "industri", "bisnis", "usaha", "uang", "jual", "beli", "tambang", "listrik", "energi",
        "minyak", "bangun", "kembang", "tumbuh", "tingkat", "turun", "naik", "kelola", "kuasa", "serah", "tawar", "tukar", "bayar",
        "kirim", "produksi", "konsumsi", "tani", "nilai", "rencana", "tinggi", "rendah", "catat", "lapor", "periksa", "tutup",
        "buka", "pinjam", "simpan", "kredit", "asuransi", "suku", "bunga", "biaya", "subsidi", "anggaran",
    };

    /// <summary>Prefixes and the first letter a nasal prefix swallowed ("menjual" ← jual, "menarik" ← tarik, "memasar" ← pasar).</summary>
    static readonly (string Prefix, string Restore)[] Prefixes =
    [
        ("", ""), ("di", ""), ("ke", ""), ("se", ""), ("ter", ""), ("ber", ""), ("be", ""), ("bel", ""), ("per", ""), ("pe", ""),
        ("me", ""), ("mem", ""), ("mem", "p"), ("men", ""), ("men", "t"), ("meng", ""), ("meng", "k"), ("meny", "s"),
        ("pem", ""), ("pem", "p"), ("pen", ""), ("pen", "t"), ("peng", ""), ("peng", "k"), ("peny", "s"),
        ("memper", ""), ("diper", ""), ("keber", ""), ("keter", ""), ("pember", ""), ("seper", ""),
    ];

    static readonly string[] Particles = ["lah", "kah", "pun", "tah"];
    static readonly string[] Possessives = ["ku", "mu", "nya"];
    static readonly string[] Suffixes = ["kan", "an", "i"];

    // Left out on purpose: roots that common words reduce to by mistake ("ikan", fish, from "berikan", give).

    /// <summary>The root (or a compound's two words) of <paramref name="word"/> (lower case), or null when none is listed.</summary>
    public static string[]? Resolve(string word)
    {
        if (word.Length < 3) return null;
        if (Resolved.TryGetValue(word, out var known)) return known;
        var words = Peeled(word);
        // A story's words repeat across stories and searches; the bound keeps a flood of made-up words from growing it forever.
        if (Resolved.Count < MaxRemembered) Resolved.TryAdd(word, words);
        return words;
    }

    const int MaxRemembered = 200_000;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]?> Resolved = new(StringComparer.Ordinal);

    static string[]? Peeled(string word)
    {
        // The fewest letters peeled off wins: "berita" is a root before it is "ber" + "ita".
        foreach (var candidate in Candidates(word).OrderBy(c => word.Length - c.Text.Length + c.Restored))
        {
            if (Compounds.TryGetValue(candidate.Text, out var parts)) return parts;
            if (Roots.Contains(candidate.Text)) return [candidate.Text];
        }
        return null;
    }

    readonly record struct Candidate(string Text, int Restored);

    static IEnumerable<Candidate> Candidates(string word)
    {
        foreach (var stem in WithoutSuffixes(word))
            foreach (var (prefix, restore) in Prefixes)
                if (stem.StartsWith(prefix, StringComparison.Ordinal) && stem.Length - prefix.Length >= 2)
                {
                    var text = restore + stem[prefix.Length..];
                    if (text.Length >= 3) yield return new Candidate(text, restore.Length);
                }
    }

    static IEnumerable<string> WithoutSuffixes(string word)
    {
        foreach (var a in Peel(word, Particles))
            foreach (var b in Peel(a, Possessives))
                foreach (var c in Peel(b, Suffixes))
                    yield return c;
    }

    static IEnumerable<string> Peel(string word, string[] endings)
    {
        yield return word;
        foreach (var ending in endings)
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal)) yield return word[..^ending.Length];
    }
}
