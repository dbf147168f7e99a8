using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sylvan.Data.Csv;
using Warta.Web.Shared;

namespace Warta.Web.Markets.Feeds;

/// <summary>A feed's body could not be turned into quotes; the message tells the admin which record and why, in Indonesian.</summary>
public sealed class FeedFormatException(string message) : Exception(message);

/// <summary>
/// The quotes a feed's body yields for the instruments it serves, where each came from in the body (<c>Baris 4</c>,
/// <c>Rekaman 2</c>, so a quote refused later is named as the vendor wrote it), and how many other records were passed over.
/// </summary>
public sealed record FeedRows(IReadOnlyList<QuoteInput> Quotes, IReadOnlyList<string> Sources, int Skipped);

/// <summary>
/// Reads a vendor's JSON or CSV body with the feed's mapping into quotes. Strict on purpose: one unreadable number or time
/// refuses the whole body (nothing is stored from it), because a half-read feed would put a wrong figure on the ticker.
/// </summary>
public static partial class FeedReader
{
    public static FeedRows Read(QuoteFeed feed, byte[] body, DateTimeOffset fetchedAt)
    {
        var served = new HashSet<string>(feed.SymbolList().Select(s => MarketsModule.NormalizeSymbol(s) ?? s), StringComparer.Ordinal);
        var map = SymbolMap(feed.SymbolMap);
        var rows = new List<QuoteInput>();
        var sources = new List<string>();
        var skipped = 0;

        void Take(string where, string? code, Func<string, decimal?> value, Func<string, DateTimeOffset?> at, Func<string, decimal?> previousClose)
        {
            var vendor = code?.Trim() ?? "";
            var symbol = map.TryGetValue(vendor, out var mapped) ? mapped : MarketsModule.NormalizeSymbol(vendor);
            if (symbol is null || !served.Contains(symbol))
            {
                skipped++;
                return;
            }
            if (rows.Count >= QuoteIngest.MaxBatch)
                throw new FeedFormatException($"Feed memuat lebih dari {QuoteIngest.MaxBatch} kutipan untuk instrumennya; pecah sumbernya.");
            sources.Add(where);
            rows.Add(new QuoteInput
            {
                Symbol = symbol,
                Value = value(where) ?? throw new FeedFormatException($"{where}: nilai untuk {symbol} kosong."),
                At = string.IsNullOrWhiteSpace(feed.TimeField) ? fetchedAt : at(where) ?? throw new FeedFormatException($"{where}: waktu untuk {symbol} kosong."),
                PreviousClose = string.IsNullOrWhiteSpace(feed.PreviousCloseField) ? null : previousClose(where),
            });
        }

        if (feed.Format == FeedFormat.Json) ReadJson(feed, body, Take);
        else ReadCsv(feed, body, Take);

        if (rows.Count == 0)
            throw new FeedFormatException(skipped == 0
                ? "Feed tidak berisi rekaman."
                : $"Tidak satu pun dari {skipped} rekaman adalah instrumen feed ini ({string.Join(", ", served)}); periksa peta simbol.");
        return new FeedRows(rows, sources, skipped);
    }

    delegate void RowSink(string where, string? code, Func<string, decimal?> value, Func<string, DateTimeOffset?> at, Func<string, decimal?> previousClose);

    static void ReadJson(QuoteFeed feed, byte[] body, RowSink take)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"Isi feed bukan JSON yang sah ({Shorten(e.Message)}).");
        }
        using (document)
        {
            var records = document.RootElement;
            if (!string.IsNullOrWhiteSpace(feed.RecordsPath))
                records = Walk(records, feed.RecordsPath.Trim())
                          ?? throw new FeedFormatException($"Jalur rekaman '{feed.RecordsPath}' tidak ada di JSON feed.");
            if (records.ValueKind != JsonValueKind.Array)
                throw new FeedFormatException(string.IsNullOrWhiteSpace(feed.RecordsPath)
                    ? $"JSON feed bukan larik rekaman tetapi {Kind(records)}; isi jalur ke larik rekaman."
                    : $"Jalur rekaman '{feed.RecordsPath}' menunjuk ke {Kind(records)}, bukan larik.");

            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                index++;
                var where = $"Rekaman {index}";
                if (record.ValueKind != JsonValueKind.Object) throw new FeedFormatException($"{where} bukan objek JSON tetapi {Kind(record)}.");
                var code = Field(record, feed.SymbolField) is { } s
                    ? s.ValueKind switch
                    {
                        JsonValueKind.String => s.GetString(),
                        JsonValueKind.Number => s.GetRawText(),
                        _ => throw new FeedFormatException($"{where}: simbol '{feed.SymbolField}' berupa {Kind(s)}."),
                    }
                    : throw new FeedFormatException($"{where}: tidak ada bidang simbol '{feed.SymbolField}'.");
                take(where, code,
                    w => JsonNumber(feed, Field(record, feed.ValueField), w, feed.ValueField),
                    w => JsonTime(feed, Field(record, feed.TimeField!), w),
                    w => JsonNumber(feed, Field(record, feed.PreviousCloseField!), w, feed.PreviousCloseField!));
            }
        }
    }

    static JsonElement? Walk(JsonElement from, string path)
    {
        var current = from;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object) return null;
            if (current.TryGetProperty(part, out var next))
            {
                current = next;
                continue;
            }
            // Vendors are careless with case; an exact match wins, any other spelling is the next best.
            var loose = current.EnumerateObject().FirstOrDefault(p => p.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (loose.Value.ValueKind == JsonValueKind.Undefined) return null;
            current = loose.Value;
        }
        return current;
    }

    static JsonElement? Field(JsonElement record, string path) => Walk(record, path) is { ValueKind: not JsonValueKind.Null } e ? e : null;

    static decimal? JsonNumber(QuoteFeed feed, JsonElement? element, string where, string field) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } n => n.TryGetDecimal(out var d) ? d : throw new FeedFormatException($"{where}: '{field}' {n.GetRawText()} di luar jangkauan angka."),
        { ValueKind: JsonValueKind.String } s => Number(feed, s.GetString()!, where, field),
        { } other => throw new FeedFormatException($"{where}: '{field}' berupa {Kind(other)}, bukan angka."),
    };

    static DateTimeOffset? JsonTime(QuoteFeed feed, JsonElement? element, string where) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } n when feed.TimeFormat == FeedTimeFormat.UnixSeconds =>
            n.TryGetDecimal(out var seconds) ? Unix(seconds, where) : throw new FeedFormatException($"{where}: waktu {n.GetRawText()} di luar jangkauan."),
        { ValueKind: JsonValueKind.String } s => Time(feed, s.GetString()!, where),
        { } other => throw new FeedFormatException($"{where}: waktu '{feed.TimeField}' berupa {Kind(other)}, tidak sesuai format {Describe(feed.TimeFormat)}."),
    };

    static void ReadCsv(QuoteFeed feed, byte[] body, RowSink take)
    {
        var text = Decode(body);
        if (text.TrimStart().StartsWith('<') || text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('['))
            throw new FeedFormatException("Isi feed tidak tampak seperti CSV (diawali dengan '" + text.TrimStart()[0] + "').");
        var delimiter = feed.Delimiter is { Length: 1 } d ? d[0] : ',';
        try
        {
            using var csv = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { Delimiter = delimiter, HasHeaders = feed.HasHeader });
            int Column(string? spec, bool required)
            {
                if (string.IsNullOrWhiteSpace(spec)) return -1;
                spec = spec.Trim();
                if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number - 1;
                if (!feed.HasHeader) throw new FeedFormatException($"Kolom '{spec}' bernama, tetapi feed ini tanpa baris judul; pakai nomor kolom.");
                for (var i = 0; i < csv.FieldCount; i++)
                    if (csv.GetName(i).Trim().Equals(spec, StringComparison.OrdinalIgnoreCase)) return i;
                if (!required) return -1;
                var names = string.Join(", ", Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i)));
                throw new FeedFormatException($"Kolom '{spec}' tidak ada di baris judul (yang ada: {Shorten(names)}).");
            }
            var symbolColumn = Column(feed.SymbolField, true);
            var valueColumn = Column(feed.ValueField, true);
            var timeColumn = Column(feed.TimeField, true);
            var previousColumn = Column(feed.PreviousCloseField, true);
            var line = feed.HasHeader ? 1 : 0;
            while (csv.Read())
            {
                line++;
                var fields = Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray();
                if (fields.All(string.IsNullOrWhiteSpace)) continue;
                var where = $"Baris {line}";
                string? Cell(int column, string spec) => column < 0 ? null
                    : column < fields.Length ? (string.IsNullOrWhiteSpace(fields[column]) ? null : fields[column])
                    : throw new FeedFormatException($"{where}: hanya {fields.Length} kolom, kolom '{spec}' tidak ada.");
                take(where, Cell(symbolColumn, feed.SymbolField),
                    w => Cell(valueColumn, feed.ValueField) is { } v ? Number(feed, v, w, feed.ValueField) : null,
                    w => Cell(timeColumn, feed.TimeField!) is { } t ? Time(feed, t, w) : null,
                    w => Cell(previousColumn, feed.PreviousCloseField!) is { } p ? Number(feed, p, w, feed.PreviousCloseField!) : null);
            }
        }
        catch (FeedFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or CsvFormatException or ArgumentException)
        {
            throw new FeedFormatException($"CSV feed tidak dapat dibaca ({Shorten(e.Message)}).");
        }
    }

    static string Decode(byte[] body)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new FeedFormatException("Isi feed bukan teks UTF-8 (mungkin berkas biner).");
        }
    }

    /// <summary>A number written by the vendor's convention; anything else in the text (letters, a second decimal mark) refuses it.</summary>
    public static decimal Number(QuoteFeed feed, string text, string where, string field)
    {
        var s = text.Trim();
        s = feed.ThousandsMark switch
        {
            ThousandsMark.Dot => s.Replace(".", "", StringComparison.Ordinal),
            ThousandsMark.Comma => s.Replace(",", "", StringComparison.Ordinal),
            ThousandsMark.Space => s.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal),
            _ => s,
        };
        if (feed.DecimalMark == DecimalMark.Comma)
        {
            if (s.Contains('.')) return Refuse();
            s = s.Replace(',', '.');
        }
        else if (s.Contains(',')) return Refuse();
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : Refuse();

        decimal Refuse() => throw new FeedFormatException(
            $"{where}: '{field}' berisi '{Shorten(text)}', bukan angka dengan {(feed.DecimalMark == DecimalMark.Comma ? "koma" : "titik")} desimal" +
            (feed.ThousandsMark == ThousandsMark.None ? "." : $" dan pemisah ribuan {Describe(feed.ThousandsMark)}."));
    }

    [GeneratedRegex(@"(Z|z|[+-]\d\d(:?\d\d)?)$")]
    private static partial Regex ExplicitOffset();

    static readonly string[] WibIsoPatterns = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    public static DateTimeOffset Time(QuoteFeed feed, string text, string where)
    {
        var s = text.Trim();
        switch (feed.TimeFormat)
        {
            case FeedTimeFormat.Iso8601:
                if (ExplicitOffset().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
                    return iso.ToUniversalTime();
                break;
            case FeedTimeFormat.Wib:
                var patterns = string.IsNullOrWhiteSpace(feed.TimePattern) ? WibIsoPatterns : [feed.TimePattern.Trim()];
                if (DateTime.TryParseExact(s, patterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    return Indonesian.FromWib(local);
                break;
            case FeedTimeFormat.UnixSeconds:
                if (decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) return Unix(seconds, where);
                break;
        }
        throw new FeedFormatException($"{where}: waktu '{Shorten(text)}' tidak sesuai format {Describe(feed.TimeFormat)}" +
                                      (feed.TimeFormat == FeedTimeFormat.Wib && !string.IsNullOrWhiteSpace(feed.TimePattern) ? $" ({feed.TimePattern})." : "."));
    }

    static DateTimeOffset Unix(decimal seconds, string where) =>
        seconds is >= 0 and < 253_402_300_800m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m))
            : throw new FeedFormatException($"{where}: waktu Unix {seconds} di luar jangkauan.");

    /// <summary>Lines of <c>VENDOR=SYMBOL</c>; the vendor's code is matched without regard to case.</summary>
    public static Dictionary<string, string> SymbolMap(string? text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            if (eq <= 0) throw new FeedFormatException($"Peta simbol: baris '{line}' bukan KODE=SIMBOL.");
            var symbol = MarketsModule.NormalizeSymbol(line[(eq + 1)..]) ?? throw new FeedFormatException($"Peta simbol: '{line[(eq + 1)..].Trim()}' bukan simbol yang sah.");
            map[line[..eq].Trim()] = symbol;
        }
        return map;
    }

    public static string Describe(FeedTimeFormat format) => format switch
    {
        FeedTimeFormat.Iso8601 => "ISO 8601 dengan zona waktu",
        FeedTimeFormat.Wib => "waktu lokal WIB",
        _ => "detik Unix",
    };

    static string Describe(ThousandsMark mark) => mark switch
    {
        ThousandsMark.Dot => "titik",
        ThousandsMark.Comma => "koma",
        ThousandsMark.Space => "spasi",
        _ => "tanpa pemisah",
    };

    static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "objek",
        JsonValueKind.Array => "larik",
        JsonValueKind.String => "teks",
        JsonValueKind.Number => "angka",
        JsonValueKind.True or JsonValueKind.False => "nilai benar/salah",
        _ => "kosong",
    };

    static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
