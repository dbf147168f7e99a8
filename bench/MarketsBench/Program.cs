// Drives a running Warta over HTTP the way a market-data vendor and readers would:
//  1. 100 instruments (20 in the ticker), then BATCHES batches of 1,000 minute quotes posted one after another
//     (JSON, then the same in CSV): quotes per second as the vendor sees them, request and all;
//  2. five years of daily closes for one instrument;
//  3. time to serve the ticker right after a quote (so it is rebuilt, not served from memory) and an instrument page
//     with five years of history charted (page cache off on the server), each timed over ROUNDS requests.
//
//   dotnet MarketsBench.dll BASE_URL NEWSROOM_KEY [batches=60] [rounds=200]
//
// Prints one JSON object; bench/markets.sh turns it into docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

var baseUrl = new Uri(args[0]);
var key = args[1];
var batches = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
const int Instruments = 100, BatchSize = 1000, Warmup = 3;

using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var inv = CultureInfo.InvariantCulture;

for (var i = 0; i < Instruments; i++)
{
    var body = JsonSerializer.Serialize(new { label = $"Indeks {i:000}", kind = "index", decimals = 2, unit = "poin", order = i, inTicker = i < 20, jumpHoldPercent = 1000 });
    var put = await http.PutAsync($"/api/admin/instruments/B{i:000}", new StringContent(body, Encoding.UTF8, "application/json"));
    if (!put.IsSuccessStatusCode) throw new InvalidOperationException($"PUT instrument: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
}

// Minute quotes walking back from now: each batch is ten minutes of all 100 instruments, all inside the retention period.
var now = DateTimeOffset.UtcNow;
var minute = 0;
string Json(int batch)
{
    var sb = new StringBuilder(BatchSize * 80).Append('[');
    for (var m = 0; m < BatchSize / Instruments; m++, minute++)
    {
        var at = now.AddMinutes(-minute - 1).ToString("yyyy-MM-ddTHH:mm:00Z", inv);
        for (var i = 0; i < Instruments; i++)
        {
            if (sb.Length > 1) sb.Append(',');
            sb.Append("{\"symbol\":\"B").Append(i.ToString("000", inv)).Append("\",\"value\":").Append((1000 + (minute * 7 + i) % 50 + 0.25m).ToString(inv)).Append(",\"at\":\"").Append(at).Append("\"}");
        }
    }
    return sb.Append(']').ToString();
}
string Csv(int batch)
{
    var sb = new StringBuilder(BatchSize * 40).Append("symbol,value,time\n");
    for (var m = 0; m < BatchSize / Instruments; m++, minute++)
    {
        var at = now.AddMinutes(-minute - 1).ToString("yyyy-MM-ddTHH:mm:00Z", inv);
        for (var i = 0; i < Instruments; i++)
            sb.Append('B').Append(i.ToString("000", inv)).Append(',').Append((1000 + (minute * 7 + i) % 50 + 0.5m).ToString(inv)).Append(',').Append(at).Append('\n');
    }
    return sb.ToString();
}

async Task<double> IngestAsync(Func<int, string> make, string contentType)
{
    var bodies = Enumerable.Range(0, batches + Warmup).Select(make).ToList();
    var watch = new Stopwatch();
    for (var b = 0; b < bodies.Count; b++)
    {
        if (b == Warmup) watch.Start();
        var response = await http.PostAsync("/api/markets/quotes", new StringContent(bodies[b], Encoding.UTF8, contentType));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST quotes: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
    return batches * BatchSize / watch.Elapsed.TotalSeconds;
}

var jsonRate = await IngestAsync(Json, "application/json");
var csvRate = await IngestAsync(Csv, "text/csv");

// Five years of daily closes for B000, older than the retention period: they go to the daily bars only.
var history = new List<string>();
var day = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-5);
var close = 800m;
while (day < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-35))
{
    if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
    {
        history.Add($"B000,{close.ToString(inv)},{day:yyyy-MM-dd}");
        close += ((day.DayNumber * 37) % 21 - 10) / 10m;
    }
    day = day.AddDays(1);
}
var historyWatch = Stopwatch.StartNew();
foreach (var chunk in history.Chunk(BatchSize))
{
    var response = await http.PostAsync("/api/markets/quotes", new StringContent("symbol,value,time\n" + string.Join('\n', chunk), Encoding.UTF8, "text/csv"));
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST history: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}
var historySeconds = historyWatch.Elapsed.TotalSeconds;

async Task<(double Median, double P95, long Bytes)> TimeAsync(string path, Func<Task>? before = null)
{
    var times = new List<double>(rounds);
    long bytes = 0;
    for (var r = 0; r < rounds + 10; r++)
    {
        if (before is not null) await before();
        var watch = Stopwatch.StartNew();
        var response = await http.GetAsync(path);
        var content = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        if (r >= 10) times.Add(watch.Elapsed.TotalMilliseconds);
        bytes = content.Length;
    }
    times.Sort();
    return (times[times.Count / 2], times[(int)(times.Count * 0.95)], bytes);
}

var tick = 0;
// One quote before each read, so the ticker is rebuilt from the database every time rather than served from memory.
Task Quote() => http.PostAsync("/api/markets/quotes", new StringContent(
    $"[{{\"symbol\":\"B001\",\"value\":{(1000 + tick++ % 7).ToString(inv)},\"at\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\"}}]", Encoding.UTF8, "application/json"));
var tickerCold = await TimeAsync("/api/markets/ticker", Quote);
var tickerWarm = await TimeAsync("/api/markets/ticker");
var page5y = await TimeAsync("/indikator/b000?rentang=5t");
var page1m = await TimeAsync("/indikator/b000?rentang=1b");

Console.WriteLine(JsonSerializer.Serialize(new
{
    batches, batchSize = BatchSize, jsonQuotesPerSecond = Math.Round(jsonRate), csvQuotesPerSecond = Math.Round(csvRate),
    historyRows = history.Count, historySeconds = Math.Round(historySeconds, 2), rounds,
    tickerRebuiltMedianMs = Math.Round(tickerCold.Median, 2), tickerRebuiltP95Ms = Math.Round(tickerCold.P95, 2),
    tickerCachedMedianMs = Math.Round(tickerWarm.Median, 2),
    page5yMedianMs = Math.Round(page5y.Median, 2), page5yP95Ms = Math.Round(page5y.P95, 2), page5yBytes = page5y.Bytes,
    page1mMedianMs = Math.Round(page1m.Median, 2),
}));
