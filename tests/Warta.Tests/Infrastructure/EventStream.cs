using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Warta.Tests.Infrastructure;

/// <summary>One server-sent event as a browser's EventSource would see it; a comment line is kept as <see cref="Comment"/>.</summary>
public sealed record ServerEvent(string? Id, string? Name, string Data, string? Comment, int? Retry)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>The rendered value of <paramref name="symbol"/> in a ticker event.</summary>
    public string? ValueOf(string symbol) => Json.GetProperty("items").EnumerateArray()
        .Where(i => i.GetProperty("symbol").GetString() == symbol).Select(i => i.GetProperty("value").GetString()).FirstOrDefault();
}

/// <summary>Reads a text/event-stream response the way the EventSource specification parses it.</summary>
public sealed class EventStream : IAsyncDisposable
{
    /// <summary>Guards a test from hanging forever on a stream that never speaks; not a timing assertion.</summary>
    static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    readonly HttpResponseMessage _response;
    readonly StreamReader _reader;

    EventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<EventStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event or comment block (lines up to a blank line).</summary>
    public async Task<ServerEvent> NextAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        string? id = null, name = null, comment = null;
        int? retry = null;
        var data = new StringBuilder();
        var any = false;
        while (true)
        {
            var line = await _reader.ReadLineAsync(guard.Token)
                       ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (any) return new ServerEvent(id, name, data.ToString(), comment, retry);
                continue;
            }
            any = true;
            if (line.StartsWith(':')) { comment = line[1..].Trim(); continue; }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "retry": retry = int.Parse(value); break;
                case "data":
                    if (data.Length > 0) data.Append('\n');
                    data.Append(value);
                    break;
            }
        }
    }

    /// <summary>Reads on until an event named <paramref name="name"/> arrives (skipping the retry hint and heartbeats).</summary>
    public async Task<ServerEvent> NextEventAsync(string name = "ticker")
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Name == name) return next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
