using System.Diagnostics;
using Warta.Web.Shared;

namespace Warta.Web.Markets;

/// <summary>
/// <c>quotes import FILE.csv</c>: years of closes from a file. The whole file is read and checked first, so a bad row
/// stops the import before anything is stored; then it goes in batches through <see cref="QuoteIngest"/> (each batch
/// one transaction; running the same file again is harmless, quotes being idempotent on symbol and time).
/// </summary>
public sealed class QuoteImport(IServiceScopeFactory scopes)
{
    public const int BatchSize = 5_000;
    const int MaxErrorsShown = 50;

    public async Task<int> RunAsync(string path, TextWriter output, TextWriter error, bool terminal, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"error: file not found: {path}");
            return 1;
        }
        List<QuoteInput> rows;
        List<int> lines;
        await using (var file = File.OpenRead(path))
        {
            var (read, lineNumbers, csvErrors) = await QuoteCsv.ReadAsync(file, int.MaxValue, ct);
            if (csvErrors.Count > 0) return await FailAsync(error, path, csvErrors, lineNumbers);
            (rows, lines) = (read, lineNumbers);
        }
        using (var scope = scopes.CreateScope())
        {
            var errors = await scope.ServiceProvider.GetRequiredService<QuoteIngest>().CheckAsync(rows, ct);
            if (errors.Count > 0) return await FailAsync(error, path, errors, lines);
        }

        var progress = new ProgressBar(error, terminal, rows.Count);
        var stopwatch = Stopwatch.StartNew();
        int accepted = 0, held = 0;
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            var batch = rows.GetRange(start, Math.Min(BatchSize, rows.Count - start));
            // A scope per batch: a fresh context keeps memory flat over millions of rows.
            using var scope = scopes.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<QuoteIngest>().IngestAsync(batch, ct);
            if (!report.Succeeded)
            {
                progress.Done();
                return await FailAsync(error, path, report.Errors.Select(e => e with { Row = e.Row < 0 ? e.Row : e.Row + start }).ToList(), lines,
                    $"{accepted} quotes were imported before this batch; run the same file again after fixing it.");
            }
            accepted += report.Accepted;
            held += report.Held.Count;
            progress.Report(start + batch.Count);
        }
        progress.Done();
        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
        await output.WriteLineAsync($"Imported {accepted} quotes from {Path.GetFileName(path)} in {seconds:0.0} s ({accepted / seconds:0} quotes/s).");
        if (held > 0) await output.WriteLineAsync($"{held} quotes jumped beyond their instrument's bound and are held for an admin at /redaksi/pasar/tertahan.");
        return 0;
    }

    static async Task<int> FailAsync(TextWriter error, string path, IReadOnlyList<QuoteRowError> errors, IReadOnlyList<int> lines, string? note = null)
    {
        var report = QuoteIngestReport.Refused(errors);
        var described = report.Describe(row => QuoteCsv.LineName(lines, row)).Select(d => d.Replace(".at:", ".time:").Replace(".previousClose:", ".previous_close:")).ToList();
        await error.WriteLineAsync($"error: {Path.GetFileName(path)} has {errors.Count} bad row(s); nothing was imported{(note is null ? "." : "")}");
        foreach (var line in described.Take(MaxErrorsShown)) await error.WriteLineAsync("  " + line);
        if (described.Count > MaxErrorsShown) await error.WriteLineAsync($"  … and {described.Count - MaxErrorsShown} more.");
        if (note is not null) await error.WriteLineAsync(note);
        return 1;
    }

    /// <summary>A bar redrawn in place on a terminal; whole lines at every tenth when the output is a file or a pipe.</summary>
    sealed class ProgressBar(TextWriter writer, bool terminal, int total)
    {
        int _lastTenth = -1;

        public void Report(int done)
        {
            var fraction = total == 0 ? 1 : (double)done / total;
            if (terminal)
            {
                const int width = 30;
                var filled = (int)(fraction * width);
                writer.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] {fraction * 100,3:0}% {Indonesian.Number(done, 0)}/{Indonesian.Number(total, 0)} kutipan");
                writer.Flush();
                return;
            }
            var tenth = (int)(fraction * 10);
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            writer.WriteLine($"progress: {done}/{total} quotes ({fraction * 100:0}%)");
        }

        public void Done()
        {
            if (terminal) writer.WriteLine();
        }
    }
}
