using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Warta.Web.Shared;

/// <summary>
/// Brotli and gzip for text responses. Compression sits inside the output cache, so a cached page is compressed once,
/// when it is stored, and the stored bytes are served as they are. For that the cache must keep one variant per encoding:
/// the request's Accept-Encoding is first reduced to the one encoding it will get (<c>br</c>, <c>gzip</c> or
/// <c>identity</c>), and both the cache key and the compressor see only that.
/// </summary>
public static class Compression
{
    public const string Brotli = "br", Gzip = "gzip", Identity = "identity";

    static readonly string[] TextTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/problem+json",
        "image/svg+xml", "text/plain", "application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
        "application/manifest+json",
    ];

    public static void AddWartaCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Staff pages carry secrets (anti-forgery tokens) next to reflected input; over HTTPS they are never compressed
            // (BREACH). Reader pages carry no secret.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = TextTypes;
            // The live ticker: every event must reach the reader when it is written, not when a compressor's block fills.
            o.ExcludedMimeTypes = ["text/event-stream"];
        });
        // Compressed once per cached page: the better ratio is worth it. Level "Optimal" is Brotli 4 / gzip 6.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
    }

    /// <summary>Before the output cache: leaves the request with the single encoding it will get.</summary>
    public static IApplicationBuilder UseAcceptEncodingNormalisation(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var request = http.Request;
            request.Headers.AcceptEncoding = Choose(request.Headers.AcceptEncoding);
            if (request.IsHttps && IsStaffPath(request.Path))
                http.Features.Set<IHttpsCompressionFeature>(new NoCompression());
            return next(http);
        });

    /// <summary>
    /// The encoding a browser gets for what it accepts: Brotli when acceptable at all, then gzip, else none. The browser's
    /// preference weights are ignored on purpose (every browser that sends <c>br</c> prefers it), so there are three cache variants.
    /// </summary>
    public static string Choose(StringValues acceptEncoding)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding)) return Identity;
        // Browsers send one of a handful of exact strings; each is parsed once. Anything else is parsed every time, and
        // remembered while there is room (a client making up values cannot grow the table past its bound).
        if (acceptEncoding.Count == 1 && acceptEncoding[0] is { Length: <= 100 } single)
        {
            if (Chosen.TryGetValue(single, out var known)) return known;
            var chosen = Parse(acceptEncoding);
            if (Chosen.Count < MaxRemembered) Chosen.TryAdd(single, chosen);
            return chosen;
        }
        return Parse(acceptEncoding);
    }

    const int MaxRemembered = 64;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Chosen = new(StringComparer.Ordinal);

    static string Parse(StringValues acceptEncoding)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var values)) return Identity;
        bool Accepts(string name) => values.Any(v =>
            (v.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || v.Value == "*") && (v.Quality ?? 1) > 0)
            && !values.Any(v => v.Value.Equals(name, StringComparison.OrdinalIgnoreCase) && v.Quality == 0);
        return Accepts(Brotli) ? Brotli : Accepts(Gzip) ? Gzip : Identity;
    }

    static bool IsStaffPath(PathString path) => path.StartsWithSegments("/redaksi") || path.StartsWithSegments("/api");

    sealed class NoCompression : IHttpsCompressionFeature
    {
        public HttpsCompressionMode Mode { get; set; } = HttpsCompressionMode.DoNotCompress;
    }

    /// <summary>Compresses bytes that never change (the stylesheet, scripts, icons) once, at start.</summary>
    public static byte[] Compress(byte[] bytes, string encoding)
    {
        using var buffer = new MemoryStream();
        using (Stream compressor = encoding == Brotli
                   ? new BrotliStream(buffer, CompressionLevel.SmallestSize)
                   : new GZipStream(buffer, CompressionLevel.SmallestSize))
            compressor.Write(bytes);
        return buffer.ToArray();
    }
}
