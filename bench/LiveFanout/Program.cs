// Opens N live-ticker streams on a running Warta, posts quotes through the API one at a time, and measures how long each
// quote takes from the moment its POST is sent until the last of the N readers has received it.
//
//   dotnet LiveFanout.dll BASE_URL MARKETS_KEY [clients=1000] [quotes=30] [warmup=3] [symbol=LQ45]
//
// Prints one JSON object; bench/live.sh turns it into docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

var baseUrl = new Uri(args[0]);
var key = args[1];
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var quotes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
var warmup = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
var symbol = args.Length > 5 ? args[5] : "LQ45";
var total = warmup + quotes;

// arrivals[q][c]: when reader c first saw quote q (Stopwatch ticks; 0 = not yet).
var arrivals = new long[total][];
for (var q = 0; q < total; q++) arrivals[q] = new long[clients];
var remaining = new int[total];
var done = new TaskCompletionSource[total];
for (var q = 0; q < total; q++)
{
    remaining[q] = clients;
    done[q] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
}
// The rendered value each quote shows ("912,34"), looked up by what a reader sees.
var valueToQuote = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
var connected = 0;
var firstState = new CountdownEvent(clients);
var errors = 0;

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
using var stop = new CancellationTokenSource();

var marker = $"\"symbol\":\"{symbol}\"";
async Task ReadAsync(int client)
{
    try
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/indikator/langsung");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"stream answered {(int)response.StatusCode}");
        Interlocked.Increment(ref connected);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
        var first = true;
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var now = Stopwatch.GetTimestamp();
            if (first)
            {
                first = false;
                firstState.Signal();
            }
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            var valueAt = line.IndexOf("\"value\":\"", at, StringComparison.Ordinal);
            if (valueAt < 0) continue;
            valueAt += 9;
            var value = line[valueAt..line.IndexOf('"', valueAt)];
            if (!valueToQuote.TryGetValue(value, out var q)) continue;
            if (Interlocked.CompareExchange(ref arrivals[q][client], now, 0) == 0 && Interlocked.Decrement(ref remaining[q]) == 0)
                done[q].TrySetResult();
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
    }
    catch (Exception e)
    {
        if (Interlocked.Increment(ref errors) <= 5) Console.Error.WriteLine($"reader {client}: {e.GetType().Name}: {e.Message}");
    }
}

var readers = new List<Task>(clients);
var connectClock = Stopwatch.StartNew();
// Connect in waves so the listen backlog is never flooded.
for (var c = 0; c < clients; c++)
{
    readers.Add(ReadAsync(c));
    if (c % 50 == 49) await Task.Delay(20);
}
if (!firstState.Wait(TimeSpan.FromSeconds(120)))
    throw new TimeoutException($"only {clients - firstState.CurrentCount} of {clients} readers got the first state");
var connectSeconds = connectClock.Elapsed.TotalSeconds;

// bench/live.sh reads the server's memory now, with every reader connected.
Console.Error.WriteLine($"connected {connected} readers in {connectSeconds:0.0} s");
var rssWithClients = args.Length > 6 ? ReadRss(int.Parse(args[6], CultureInfo.InvariantCulture)) : 0;

using var api = new HttpClient { BaseAddress = baseUrl };
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var lastClient = new List<double>();
var medianClient = new List<double>();
var random = new Random(45);
for (var q = 0; q < total; q++)
{
    // A value no reader has seen yet, rendered the way the ticker renders it (two decimals, comma).
    var value = 900m + q + Math.Round((decimal)random.NextDouble(), 2);
    valueToQuote[value.ToString("#,##0.00", new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." })] = q;
    var body = JsonSerializer.Serialize(new[] { new { symbol, value, at = DateTimeOffset.UtcNow } });
    var sent = Stopwatch.GetTimestamp();
    using (var response = await api.PostAsync("/api/markets/quotes", new StringContent(body, Encoding.UTF8, "application/json")))
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"quote {q} refused: {await response.Content.ReadAsStringAsync()}");
    if (await Task.WhenAny(done[q].Task, Task.Delay(TimeSpan.FromSeconds(30))) != done[q].Task)
        throw new TimeoutException($"quote {q}: only {clients - remaining[q]} of {clients} readers received it within 30 s");
    if (q >= warmup)
    {
        var latencies = arrivals[q].Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds).Order().ToArray();
        lastClient.Add(latencies[^1]);
        medianClient.Add(latencies[latencies.Length / 2]);
    }
    await Task.Delay(250);
}

stop.Cancel();
await Task.WhenAll(readers);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToArray();
    var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
}

static long ReadRss(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    return 0;
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    clients,
    quotes,
    connectSeconds = Math.Round(connectSeconds, 1),
    lastMedianMs = Math.Round(Percentile(lastClient, 50), 1),
    lastP95Ms = Math.Round(Percentile(lastClient, 95), 1),
    lastMaxMs = Math.Round(lastClient.Max(), 1),
    medianClientMedianMs = Math.Round(Percentile(medianClient, 50), 1),
    rssWithClients,
    readerErrors = errors,
}));
