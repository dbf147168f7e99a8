// Serves fixed files from memory with Kestrel and nothing else: the ceiling Warta's pages are measured against.
// Usage: Baseline --urls http://127.0.0.1:5001 --page /=home.html --page /article=article.html
using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

var urls = "http://127.0.0.1:5001";
var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--urls":
            urls = value;
            break;
        case "--page":
            var split = value.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || !value.StartsWith('/')) throw new ArgumentException($"--page wants /path=file, got '{value}'.");
            pages[value[..split]] = File.ReadAllBytes(value[(split + 1)..]);
            break;
        default:
            throw new ArgumentException($"Unknown argument '{args[i]}'. Use --urls URL and --page /path=file.");
    }
    i++;
}
if (pages.Count == 0) throw new ArgumentException("Give at least one --page /path=file.");

var served = pages.ToFrozenDictionary(StringComparer.Ordinal);
var contentType = new StringValues("text/html; charset=utf-8");

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().UseUrls(urls);
var app = builder.Build();
app.Run(http =>
{
    if (!served.TryGetValue(http.Request.Path.Value ?? "/", out var body))
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
    http.Response.ContentType = contentType;
    http.Response.ContentLength = body.Length;
    return http.Response.Body.WriteAsync(body).AsTask();
});
Console.WriteLine($"Baseline serving {string.Join(", ", served.Select(p => $"{p.Key} ({p.Value.Length} bytes)"))} on {urls}");
await app.RunAsync();
