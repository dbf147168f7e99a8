using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Warta.Web.Markets;

namespace Warta.Tests.Markets;

public class QuoteCsvTests
{
    static Task<(List<QuoteInput> Rows, List<int> Lines, List<QuoteRowError> Errors)> ReadAsync(byte[] csv, int chunk = int.MaxValue, int maxRows = 100) =>
        QuoteCsv.ReadAsync(new Trickle(csv, chunk), maxRows, CancellationToken.None);

    /// <summary>A body arriving <c>chunk</c> bytes a read, each in a segment of its own: lines, CRLFs and characters split across reads and segments.</summary>
    sealed class Trickle(byte[] data, int chunk) : PipeReader
    {
        int _consumed, _available;
        ReadOnlySequence<byte> _last;

        sealed class Segment : ReadOnlySequenceSegment<byte>
        {
            public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
            {
                Memory = memory;
                if (previous is null) return;
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            _available = (int)Math.Min(data.Length, (long)_available + chunk);
            Segment? first = null, last = null;
            for (var at = _consumed; at < _available || first is null;)
            {
                var end = Math.Min(_available, chunk == int.MaxValue ? _available : (at / chunk + 1) * chunk);
                last = new Segment(data.AsMemory(at, end - at), last);
                first ??= last;
                at = end;
            }
            _last = new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
            return new(new ReadResult(_last, false, _available == data.Length));
        }

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);
        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => _consumed += (int)_last.Slice(0, consumed).Length;
        public override bool TryRead(out ReadResult result) => throw new NotSupportedException();
        public override void CancelPendingRead() => throw new NotSupportedException();
        public override void Complete(Exception? exception = null) { }
    }

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    static readonly DateTimeOffset TenFifteen = new(2024, 3, 1, 10, 15, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task Quoted_fields_crlf_a_byte_order_mark_and_blank_lines_read_alike_however_the_body_arrives(int chunk)
    {
        var csv = Utf8("\uFEFFSymbol, Value ,time,previous_close\r\n" +
                       "\"USD/IDR\",\"15680.5\",2024-03-01T10:15:00+07:00,\r\n" +
                       "\r\n" +
                       "\"A,\"\"B\"\"\",1,2024-03-01T03:15:00Z,\"900\"\r" +
                       "  \n" +
                       "LQ45, 910.25 ,2024-03-01 10:15, 905");
        var (rows, lines, errors) = await ReadAsync(csv, chunk);

        Assert.Empty(errors);
        Assert.Equal([2, 4, 6], lines);
        Assert.Equal(["USD/IDR", "A,\"B\"", "LQ45"], rows.Select(r => r.Symbol));
        Assert.Equal([15680.5m, 1m, 910.25m], rows.Select(r => r.Value!.Value));
        Assert.Equal([null, 900m, 905m], rows.Select(r => r.PreviousClose));
        Assert.Equal([TenFifteen, TenFifteen, TenFifteen], rows.Select(r => r.At!.Value));
    }

    [Fact]
    public async Task A_symbol_with_letters_beyond_ascii_survives_being_split_between_reads()
    {
        var (rows, _, errors) = await ReadAsync(Utf8("symbol,value,time\nSAHAMÉ€,1,2024-03-01\n"), chunk: 1);
        Assert.Empty(errors);
        Assert.Equal("SAHAMÉ€", Assert.Single(rows).Symbol);
    }

    [Fact]
    public async Task A_bad_line_is_named_by_its_line_in_the_file_and_the_rows_around_it_still_line_up()
    {
        var (rows, lines, errors) = await ReadAsync(Utf8("symbol,value,time\r\n\r\nLQ45,1,2024-03-01\r\nLQ45,\"1,5\",2024-03-01\r\nLQ45,1\r\nLQ45,2,2024-03-02\r\n"));

        Assert.Equal(4, rows.Count);
        Assert.Equal([3, 4, 5, 6], lines);
        Assert.Equal([(1, "value"), (2, "")], errors.Select(e => (e.Row, e.Field)));
        Assert.Equal("Expected 3 fields, found 2.", errors[1].Message);
        Assert.Equal("line 5", QuoteCsv.LineName(lines, errors[1].Row));
    }

    [Fact]
    public async Task A_header_naming_an_unknown_column_or_no_header_at_all_is_refused()
    {
        var unknown = (await ReadAsync(Utf8("symbol,value,time,volume\nLQ45,1,2024-03-01,5\n"))).Errors;
        Assert.Equal("Unknown column 'volume'; the header is symbol,value,time[,previous_close].", Assert.Single(unknown).Message);
        Assert.Equal("header", unknown[0].Field);

        Assert.StartsWith("The CSV is empty", Assert.Single((await ReadAsync([])).Errors).Message);
        Assert.StartsWith("The CSV is empty", Assert.Single((await ReadAsync(Utf8(" \r\nLQ45,1,2024-03-01"))).Errors).Message);
    }

    [Fact]
    public async Task A_utf16_file_is_refused_rather_than_read_as_garbage()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("symbol,value,time\nLQ45,1,2024-03-01\n")).ToArray();
        var (rows, _, errors) = await ReadAsync(utf16);
        Assert.Empty(rows);
        Assert.Equal("The CSV is UTF-16; send it as UTF-8.", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task More_rows_than_a_batch_holds_are_refused()
    {
        var (_, _, errors) = await ReadAsync(Utf8("symbol,value,time\nA,1,2024-03-01\nB,1,2024-03-01\nC,1,2024-03-01\n"), maxRows: 2);
        Assert.Equal("A CSV batch holds at most 2 quotes.", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("2024-03-01T10:15:00+07:00")]
    [InlineData("2024-03-01T03:15:00Z")]
    [InlineData("2023-12-31T23:59:59-05:30")]
    [InlineData("2024-02-29T00:00:00+13:59")]
    [InlineData("1970-01-01T00:00:00Z")]
    public void Instants_read_directly_equal_what_the_general_parser_reads(string text)
    {
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var general));
        var direct = QuoteCsv.IsoInstant(text);
        Assert.Equal(general, direct);
        Assert.Equal(general.Offset, direct!.Value.Offset);
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("2024-03-01T24:00:00Z")]
    [InlineData("2024-03-01T10:15:00.5Z")]
    [InlineData("2024-03-01T10:15:00+14:00")]
    [InlineData("2024-03-01 10:15:00+07:00")]
    [InlineData("2024-3-01T10:15:00+07:00")]
    public void Anything_else_is_left_to_the_general_parser(string text) => Assert.Null(QuoteCsv.IsoInstant(text));
}
