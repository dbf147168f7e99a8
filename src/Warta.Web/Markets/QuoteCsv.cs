using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>
/// Quotes as CSV: a header row naming the columns <c>symbol,value,time</c> and optionally <c>previous_close</c> (in any
/// order), then one quote per line. Numbers use a decimal point (<c>1354000.50</c>). Time is ISO 8601 with an offset
/// (<c>2024-03-01T10:15:00+07:00</c>), a WIB wall-clock time without one (<c>2024-03-01 10:15</c>), or a date alone
/// (<c>2024-03-01</c>), which stands for that day's close at 16:00 WIB. Fields may be quoted as in RFC 4180. The text is
/// UTF-8 (a byte order mark is skipped); lines end in LF, CRLF or CR.
/// </summary>
public static class QuoteCsv
{
    public static bool IsCsv(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>How a row is named in errors: its line in the file (the header is line 1).</summary>
    public static string LineName(IReadOnlyList<int> lines, int row) => row >= 0 && row < lines.Count ? $"line {lines[row]}" : $"line {row + 2}";

    /// <summary>The CSV column behind a field of <see cref="QuoteInput"/>, so errors name what the file calls it.</summary>
    public static string ColumnName(string field) => field switch { "at" => "time", "previousClose" => "previous_close", _ => field };

    public static async Task<(List<QuoteInput> Rows, List<int> Lines, List<QuoteRowError> Errors)> ReadAsync(Stream body, int maxRows, CancellationToken ct)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        try
        {
            return await ReadAsync(reader, maxRows, ct);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>
    /// Reads every row; rows line up with <c>Lines</c> (their line numbers). A row that cannot be read is left with empty
    /// fields and named in <c>Errors</c>, so the caller can refuse the whole file. Lines are parsed where they lie in the
    /// reader's buffer (a quote costs one string, its symbol), which is what keeps CSV as fast as JSON.
    /// </summary>
    public static async Task<(List<QuoteInput> Rows, List<int> Lines, List<QuoteRowError> Errors)> ReadAsync(PipeReader body, int maxRows, CancellationToken ct)
    {
        var parser = new Parser(maxRows);
        try
        {
            while (!parser.Done)
            {
                var read = await body.ReadAsync(ct);
                var buffer = read.Buffer;
                parser.Take(ref buffer, read.IsCompleted);
                body.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) break;
            }
            return (parser.Rows, parser.Lines, parser.Finish());
        }
        finally
        {
            parser.Return();
        }
    }

    static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];
    static ReadOnlySpan<byte> Utf16LittleEndianMark => [0xFF, 0xFE];
    static ReadOnlySpan<byte> Utf16BigEndianMark => [0xFE, 0xFF];

    sealed class Parser(int maxRows)
    {
        public readonly List<QuoteInput> Rows = [];
        public readonly List<int> Lines = [];
        readonly List<QuoteRowError> _errors = [];
        public bool Done { get; private set; }
        bool _started, _headerRead;
        int _lineNumber, _columns, _symbol, _value, _time, _previous;
        byte[] _bytes = ArrayPool<byte>.Shared.Rent(256);
        char[] _chars = ArrayPool<char>.Shared.Rent(256);
        char[] _unquoted = ArrayPool<char>.Shared.Rent(256);

        /// <summary>Parses every whole line in <paramref name="buffer"/> and leaves it at the first unfinished one (all of it when <paramref name="final"/>).</summary>
        public void Take(ref ReadOnlySequence<byte> buffer, bool final)
        {
            if (!_started)
            {
                if (buffer.Length < 3 && !final) return;
                _started = true;
                Span<byte> head = stackalloc byte[3];
                var start = head[..(int)Math.Min(3, buffer.Length)];
                buffer.Slice(0, start.Length).CopyTo(start);
                if (start.StartsWith(Utf8Mark)) buffer = buffer.Slice(3);
                else if (start.StartsWith(Utf16LittleEndianMark) || start.StartsWith(Utf16BigEndianMark))
                {
                    Fail("The CSV is UTF-16; send it as UTF-8.");
                    buffer = buffer.Slice(buffer.End);
                    return;
                }
            }
            while (!Done)
            {
                var reader = new SequenceReader<byte>(buffer);
                if (!reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
                {
                    if (final && !buffer.IsEmpty) Line(buffer);
                    if (final) buffer = buffer.Slice(buffer.End);
                    return;
                }
                var line = buffer.Slice(0, reader.Position);
                reader.TryRead(out var end);
                if (end == (byte)'\r')
                {
                    // A CR at the end of what has arrived may be the first half of a CRLF.
                    if (reader.End && !final) return;
                    reader.IsNext((byte)'\n', advancePast: true);
                }
                Line(line);
                buffer = buffer.Slice(reader.Position);
            }
        }

        void Line(ReadOnlySequence<byte> bytes)
        {
            _lineNumber++;
            var length = checked((int)bytes.Length);
            ReadOnlySpan<byte> utf8;
            if (bytes.IsSingleSegment) utf8 = bytes.FirstSpan;
            else
            {
                Grow(ref _bytes, length);
                bytes.CopyTo(_bytes);
                utf8 = _bytes.AsSpan(0, length);
            }
            Grow(ref _chars, length);
            var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
            if (!_headerRead) Header(chars);
            else Row(chars);
        }

        void Header(ReadOnlySpan<char> line)
        {
            _headerRead = true;
            if (line.IsWhiteSpace())
            {
                Fail("The CSV is empty; it needs a header row: symbol,value,time[,previous_close].");
                return;
            }
            var text = Split(line, out var fields, out var count);
            if (count > fields.Length)
            {
                _fields = new Range[count];
                text = Split(line, out fields, out count);
            }
            var names = new List<string>(count);
            for (var i = 0; i < count; i++) names.Add(text[fields[i]].Trim().ToString().ToLowerInvariant());
            _columns = count;
            (_symbol, _value, _time, _previous) = (names.IndexOf("symbol"), names.IndexOf("value"), names.IndexOf("time"), names.IndexOf("previous_close"));
            var unknown = names.FirstOrDefault(n => n is not ("symbol" or "value" or "time" or "previous_close"));
            if (_symbol < 0 || _value < 0 || _time < 0 || unknown is not null)
                Fail(unknown is not null
                    ? $"Unknown column '{unknown}'; the header is symbol,value,time[,previous_close]."
                    : "The header row must name the columns symbol,value,time and optionally previous_close.", "header");
        }

        void Row(ReadOnlySpan<char> line)
        {
            if (line.IsEmpty || line.IsWhiteSpace()) return;
            if (Rows.Count >= maxRows)
            {
                Fail($"A CSV batch holds at most {maxRows} quotes.");
                return;
            }
            var index = Rows.Count;
            var input = new QuoteInput();
            Rows.Add(input);
            Lines.Add(_lineNumber);
            var text = Split(line, out var fields, out var count);
            if (count != _columns)
            {
                _errors.Add(new(index, "", $"Expected {_columns} fields, found {count}."));
                return;
            }
            input.Symbol = new string(text[fields[_symbol]].Trim());
            input.Value = Number(text[fields[_value]], index, "value", _errors);
            if (_previous >= 0 && !text[fields[_previous]].Trim().IsEmpty) input.PreviousClose = Number(text[fields[_previous]], index, "previous_close", _errors);
            input.At = Time(text[fields[_time]], index, _errors);
        }

        /// <summary>
        /// The fields of one line as ranges of the returned text: the line itself, or, when it quotes anything, the line with
        /// its quotes taken out. <paramref name="count"/> is every field found, also beyond the ones <paramref name="fields"/> holds.
        /// </summary>
        ReadOnlySpan<char> Split(ReadOnlySpan<char> line, out Range[] fields, out int count)
        {
            fields = _fields;
            count = 0;
            if (!line.Contains('"'))
            {
                var start = 0;
                while (true)
                {
                    var comma = line[start..].IndexOf(',');
                    var end = comma < 0 ? line.Length : start + comma;
                    if (count < fields.Length) fields[count] = start..end;
                    count++;
                    if (comma < 0) return line;
                    start = end + 1;
                }
            }
            Grow(ref _unquoted, line.Length);
            var text = _unquoted.AsSpan();
            int length = 0, fieldStart = 0;
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { text[length++] = '"'; i++; }
                    else if (c == '"') quoted = false;
                    else text[length++] = c;
                }
                else if (c == '"') quoted = true;
                else if (c == ',')
                {
                    if (count < fields.Length) fields[count] = fieldStart..length;
                    count++;
                    fieldStart = length;
                }
                else text[length++] = c;
            }
            if (count < fields.Length) fields[count] = fieldStart..length;
            count++;
            return text[..length];
        }

        // Four columns at most, unless a header names one twice.
        Range[] _fields = new Range[4];

        void Fail(string message, string field = "")
        {
            _errors.Add(new(-1, field, message));
            Done = true;
        }

        public List<QuoteRowError> Finish()
        {
            if (!_headerRead && _errors.Count == 0) _errors.Add(new(-1, "", "The CSV is empty; it needs a header row: symbol,value,time[,previous_close]."));
            return _errors;
        }

        static void Grow<T>(ref T[] buffer, int length)
        {
            if (buffer.Length >= length) return;
            ArrayPool<T>.Shared.Return(buffer);
            buffer = ArrayPool<T>.Shared.Rent(length);
        }

        public void Return()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<char>.Shared.Return(_chars);
            ArrayPool<char>.Shared.Return(_unquoted);
        }
    }

    static decimal? Number(ReadOnlySpan<char> raw, int row, string field, List<QuoteRowError> errors)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            errors.Add(new(row, field, "A number is required."));
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return number;
        var lower = text.TrimStart("+-").ToString().ToLowerInvariant();
        errors.Add(new(row, field, lower is "nan" or "infinity" or "inf" or "∞"
            ? $"'{text}' is not a number a quote can have."
            : $"'{text}' is not a number; write it with a decimal point and no thousands separators, e.g. 1354000.50."));
        return null;
    }

    static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    static DateTimeOffset? Time(ReadOnlySpan<char> raw, int row, List<QuoteRowError> errors)
    {
        var text = raw.Trim();
        // A time with an offset (what feeds send) can match neither a date nor a WIB wall-clock time, so it is tried first.
        if (HasOffset(text))
        {
            if (IsoInstant(text) is { } iso) return iso;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return instant;
        }
        else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return TradingCalendar.CloseOf(day);
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return Indonesian.FromWib(local);
        errors.Add(new(row, "time", text.Length == 0
            ? "A time is required."
            : $"'{text}' is not a valid time; use 2024-03-01T10:15:00+07:00, 2024-03-01 10:15 (WIB) or 2024-03-01 (that day's close)."));
        return null;
    }

    static bool HasOffset(ReadOnlySpan<char> text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>
    /// What feeds send, read directly: <c>yyyy-MM-ddTHH:mm:ss</c> then <c>Z</c> or <c>±HH:mm</c>. Anything else (fractions,
    /// odd values) is null and left to <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>,
    /// so this only ever answers what that would.
    /// </summary>
    internal static DateTimeOffset? IsoInstant(ReadOnlySpan<char> text)
    {
        if (text.Length is not (20 or 25) || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return null;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)) return null;
        if (year is < 1900 or > 9000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return null;
        var offset = TimeSpan.Zero;
        if (text.Length == 20)
        {
            if (text[19] != 'Z') return null;
        }
        else
        {
            if (text[19] is not ('+' or '-') || text[22] != ':' || !Digits(text, 20, 2, out var offsetHours) || !Digits(text, 23, 2, out var offsetMinutes)
                || offsetHours > 13 || offsetMinutes > 59) return null;
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (text[19] == '-') offset = -offset;
        }
        return new DateTimeOffset(year, month, day, hour, minute, second, offset);
    }

    static bool Digits(ReadOnlySpan<char> text, int start, int length, out int value)
    {
        value = 0;
        foreach (var c in text.Slice(start, length))
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
