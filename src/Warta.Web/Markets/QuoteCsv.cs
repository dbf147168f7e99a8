using System.Globalization;
using System.Text;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>
/// Quotes as CSV: a header row naming the columns <c>symbol,value,time</c> and optionally <c>previous_close</c> (in any
/// order), then one quote per line. Numbers use a decimal point (<c>1354000.50</c>). Time is ISO 8601 with an offset
/// (<c>2024-03-01T10:15:00+07:00</c>), a WIB wall-clock time without one (<c>2024-03-01 10:15</c>), or a date alone
/// (<c>2024-03-01</c>), which stands for that day's close at 16:00 WIB. Fields may be quoted as in RFC 4180.
/// </summary>
public static class QuoteCsv
{
    public static bool IsCsv(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>How a row is named in errors: its line in the file (the header is line 1).</summary>
    public static string LineName(IReadOnlyList<int> lines, int row) => row >= 0 && row < lines.Count ? $"line {lines[row]}" : $"line {row + 2}";

    /// <summary>The CSV column behind a field of <see cref="QuoteInput"/>, so errors name what the file calls it.</summary>
    public static string ColumnName(string field) => field switch { "at" => "time", "previousClose" => "previous_close", _ => field };

    /// <summary>
    /// Reads every row; rows line up with <c>Lines</c> (their line numbers). A row that cannot be read is left with empty
    /// fields and named in <c>Errors</c>, so the caller can refuse the whole file.
    /// </summary>
    public static async Task<(List<QuoteInput> Rows, List<int> Lines, List<QuoteRowError> Errors)> ReadAsync(
        Stream body, int maxRows, CancellationToken ct, Action<long>? progress = null)
    {
        var rows = new List<QuoteInput>();
        var lines = new List<int>();
        var errors = new List<QuoteRowError>();
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var header = await reader.ReadLineAsync(ct);
        if (string.IsNullOrWhiteSpace(header))
        {
            errors.Add(new(-1, "", "The CSV is empty; it needs a header row: symbol,value,time[,previous_close]."));
            return (rows, lines, errors);
        }
        var names = Split(header).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int symbol = names.IndexOf("symbol"), value = names.IndexOf("value"), time = names.IndexOf("time"), previous = names.IndexOf("previous_close");
        var unknown = names.Where(n => n is not ("symbol" or "value" or "time" or "previous_close")).ToList();
        if (symbol < 0 || value < 0 || time < 0 || unknown.Count > 0)
        {
            errors.Add(new(-1, "header", unknown.Count > 0
                ? $"Unknown column '{unknown[0]}'; the header is symbol,value,time[,previous_close]."
                : "The header row must name the columns symbol,value,time and optionally previous_close."));
            return (rows, lines, errors);
        }

        var lineNumber = 1;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
            if (rows.Count >= maxRows)
            {
                errors.Add(new(-1, "", $"A CSV batch holds at most {maxRows} quotes."));
                break;
            }
            var index = rows.Count;
            var input = new QuoteInput();
            rows.Add(input);
            lines.Add(lineNumber);
            if ((rows.Count & 4095) == 0) progress?.Invoke(body.CanSeek ? body.Position : rows.Count);
            var fields = Split(line);
            if (fields.Count != names.Count)
            {
                errors.Add(new(index, "", $"Expected {names.Count} fields, found {fields.Count}."));
                continue;
            }
            input.Symbol = fields[symbol].Trim();
            input.Value = Number(fields[value], index, "value", errors);
            if (previous >= 0 && fields[previous].Trim().Length > 0) input.PreviousClose = Number(fields[previous], index, "previous_close", errors);
            input.At = Time(fields[time], index, errors);
        }
        return (rows, lines, errors);
    }

    static decimal? Number(string raw, int row, string field, List<QuoteRowError> errors)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            errors.Add(new(row, field, "A number is required."));
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return number;
        var lower = text.TrimStart('+', '-').ToLowerInvariant();
        errors.Add(new(row, field, lower is "nan" or "infinity" or "inf" or "∞"
            ? $"'{text}' is not a number a quote can have."
            : $"'{text}' is not a number; write it with a decimal point and no thousands separators, e.g. 1354000.50."));
        return null;
    }

    static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    static DateTimeOffset? Time(string raw, int row, List<QuoteRowError> errors)
    {
        var text = raw.Trim();
        // A time with an offset (what feeds send) can match neither a date nor a WIB wall-clock time, so it is tried first.
        if (HasOffset(text))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return instant;
        }
        else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return TradingCalendar.CloseOf(day);
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return Shared.Indonesian.FromWib(local);
        errors.Add(new(row, "time", text.Length == 0
            ? "A time is required."
            : $"'{text}' is not a valid time; use 2024-03-01T10:15:00+07:00, 2024-03-01 10:15 (WIB) or 2024-03-01 (that day's close)."));
        return null;
    }

    static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>Splits one CSV line; a quoted field may hold commas and doubled quotes.</summary>
    static List<string> Split(string line)
    {
        // Most lines quote nothing.
        if (!line.Contains('"')) return [.. line.Split(',')];
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
