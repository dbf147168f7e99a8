using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SkiaSharp;

namespace Warta.Web.Shared;

/// <summary>
/// The reader site's stylesheet, script and icons, built into the program and served from memory with a content hash in
/// the URL, so they are found however the program is started and browsers may keep them for a year. Text assets are
/// compressed once, at start, in Brotli and gzip.
/// </summary>
public static class Assets
{
    sealed record Asset(string Path, string ContentType, byte[] Bytes, string Hash, byte[]? Brotli, byte[]? Gzip)
    {
        public string Url => $"{Path}?v={Hash}";
    }

    static readonly Asset Css = Load("/css/site.css", "text/css; charset=utf-8", "site.css");
    /// <summary>The members, checkout, account and Academy pages' own rules, loaded after <see cref="Css"/> only by those pages.</summary>
    static readonly Asset MembersCss = Load("/css/members.css", "text/css; charset=utf-8", "members.css");
    /// <summary>The market pages' own rules (quotes, charts, figures), loaded after <see cref="Css"/> only by those pages.</summary>
    static readonly Asset MarketsCss = Load("/css/markets.css", "text/css; charset=utf-8", "markets.css");
    /// <summary>A story page's own rules (body, credits, corrections, the paywall box), loaded after <see cref="Css"/> only there.</summary>
    static readonly Asset StoryCss = Load("/css/story.css", "text/css; charset=utf-8", "story.css");
    static readonly Asset Js = Load("/js/site.js", "text/javascript; charset=utf-8", "site.js", WithoutCommentLines);
    static readonly Asset StaffCss = Load("/css/staff.css", "text/css; charset=utf-8", "staff.css");
    static readonly Asset EditorJs = Load("/js/editor.js", "text/javascript; charset=utf-8", "editor.js");
    static readonly Asset IconSvg = Text("/icon.svg", "image/svg+xml", SiteMark.Svg);
    static readonly Asset Favicon = Binary("/favicon.ico", "image/x-icon", SiteMark.Ico());
    static readonly Asset TouchIcon = Binary("/apple-touch-icon.png", "image/png", SiteMark.Png(180, rounded: false));
    static readonly Asset Icon192 = Binary("/icon-192.png", "image/png", SiteMark.Png(192, rounded: true));
    static readonly Asset Icon512 = Binary("/icon-512.png", "image/png", SiteMark.Png(512, rounded: true));

    public static string CssUrl => Css.Url;
    public static string MembersCssUrl => MembersCss.Url;
    public static string MarketsCssUrl => MarketsCss.Url;
    public static string StoryCssUrl => StoryCss.Url;
    public static string JsUrl => Js.Url;
    public static string StaffCssUrl => StaffCss.Url;
    public static string EditorJsUrl => EditorJs.Url;
    public static string IconSvgUrl => IconSvg.Url;
    public static string TouchIconUrl => TouchIcon.Url;
    public static string Icon192Url => Icon192.Url;
    /// <summary>The largest mark, the publisher's logo in structured data.</summary>
    public static string Icon512Url => Icon512.Url;

    static Asset Load(string path, string contentType, string name, Func<string, string>? served = null)
    {
        var assembly = typeof(Assets).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return served is null ? Text(path, contentType, buffer.ToArray()) : Text(path, contentType, served(Encoding.UTF8.GetString(buffer.ToArray())));
    }

    /// <summary>
    /// The reader script as browsers get it: its comment lines and indentation are for whoever edits it, and were a fifth of
    /// every page's bytes. Only whole lines that are comments go (the script has no template literals or multi-line strings).
    /// </summary>
    public static string WithoutCommentLines(string script) =>
        string.Join('\n', script.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))) + "\n";

    static Asset Text(string path, string contentType, string text) => Text(path, contentType, Encoding.UTF8.GetBytes(text));

    static Asset Text(string path, string contentType, byte[] bytes) =>
        new(path, contentType, bytes, HashOf(bytes), Compression.Compress(bytes, Compression.Brotli), Compression.Compress(bytes, Compression.Gzip));

    static Asset Binary(string path, string contentType, byte[] bytes) => new(path, contentType, bytes, HashOf(bytes), null, null);

    static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    static readonly Asset[] All = [Css, StoryCss, MembersCss, MarketsCss, Js, StaffCss, EditorJs, IconSvg, Favicon, TouchIcon, Icon192, Icon512];

    /// <summary>Every asset's address (without its version).</summary>
    public static IEnumerable<string> Paths => All.Select(a => a.Path);

    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        foreach (var asset in All)
        {
            app.MapGet(asset.Path, Results<StatusCodeHttpResult, FileContentHttpResult> (HttpContext http) =>
            {
                var headers = http.Response.Headers;
                // The request's Accept-Encoding is already reduced to the one encoding it gets (Compression).
                var encoding = http.Request.Headers.AcceptEncoding.ToString();
                var (bytes, tag) = encoding switch
                {
                    Compression.Brotli when asset.Brotli is { } br => (br, "-br"),
                    Compression.Gzip when asset.Gzip is { } gz => (gz, "-gz"),
                    _ => (asset.Bytes, ""),
                };
                if (asset.Brotli is not null) headers.Vary = "Accept-Encoding";
                if (tag.Length > 0) headers.ContentEncoding = encoding;
                headers.ETag = $"\"{asset.Hash}{tag}\"";
                headers.CacheControl = http.Request.Query["v"] == asset.Hash ? "public, max-age=31536000, immutable" : "public, max-age=86400";
                if (http.Request.Headers.IfNoneMatch.ToString().Contains(asset.Hash, StringComparison.Ordinal))
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                return TypedResults.Bytes(bytes, asset.ContentType);
            });
        }
    }
}

/// <summary>
/// The site's own mark: a W on the brand blue with an amber rule. Drawn once as SVG (favicon for browsers that take it)
/// and, with the same geometry, as PNG for touch icons and the ICO that older browsers ask for.
/// </summary>
public static class SiteMark
{
    const string Blue = "#0b4f8a", Amber = "#e8a317";
    static readonly (float X, float Y)[] W = [(13, 17), (22.5f, 44), (32, 23), (41.5f, 44), (51, 17)];

    public static readonly string Svg =
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" rx=\"12\" fill=\"{Blue}\"/>" +
        $"<path d=\"M{string.Join(" L", W.Select(p => FormattableString.Invariant($"{p.X} {p.Y}")))}\" fill=\"none\" stroke=\"#fff\" stroke-width=\"7\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>" +
        $"<rect x=\"13\" y=\"51\" width=\"38\" height=\"4\" rx=\"2\" fill=\"{Amber}\"/></svg>";

    /// <summary>The mark as a square PNG of <paramref name="size"/> pixels; touch icons are square, the platform rounds them.</summary>
    public static byte[] Png(int size, bool rounded)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(size / 64f);
        using (var fill = new SKPaint { Color = SKColor.Parse(Blue), IsAntialias = true })
            canvas.DrawRoundRect(new SKRect(0, 0, 64, 64), rounded ? 12 : 0, rounded ? 12 : 0, fill);
        using (var stroke = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 7, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round })
        using (var path = new SKPath())
        {
            path.MoveTo(W[0].X, W[0].Y);
            foreach (var (x, y) in W.Skip(1)) path.LineTo(x, y);
            canvas.DrawPath(path, stroke);
        }
        using (var rule = new SKPaint { Color = SKColor.Parse(Amber), IsAntialias = true })
            canvas.DrawRoundRect(new SKRect(13, 51, 51, 55), 2, 2, rule);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>/favicon.ico: a 32 and a 16 px PNG in an ICO container (PNG entries are read by every current browser).</summary>
    public static byte[] Ico()
    {
        byte[][] images = [Png(32, rounded: true), Png(16, rounded: true)];
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        writer.Write((ushort)0);
        writer.Write((ushort)1);
        writer.Write((ushort)images.Length);
        var offset = 6 + 16 * images.Length;
        foreach (var (png, size) in images.Zip([32, 16]))
        {
            writer.Write((byte)size);
            writer.Write((byte)size);
            writer.Write((byte)0);
            writer.Write((byte)0);
            writer.Write((ushort)1);
            writer.Write((ushort)32);
            writer.Write(png.Length);
            writer.Write(offset);
            offset += png.Length;
        }
        foreach (var png in images) writer.Write(png);
        writer.Flush();
        return buffer.ToArray();
    }
}
