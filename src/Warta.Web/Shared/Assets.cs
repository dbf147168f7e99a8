using System.Security.Cryptography;

namespace Warta.Web.Shared;

/// <summary>
/// The reader site's stylesheet and script, built into the program and served from memory with a content hash in the
/// URL, so they are found however the program is started and browsers may keep them for a year.
/// </summary>
public static class Assets
{
    sealed record Asset(string Path, string ContentType, byte[] Bytes, string Hash)
    {
        public string Url => $"{Path}?v={Hash}";
    }

    static readonly Asset Css = Load("/css/site.css", "text/css; charset=utf-8", "site.css");
    static readonly Asset Js = Load("/js/site.js", "text/javascript; charset=utf-8", "site.js");
    static readonly Asset StaffCss = Load("/css/staff.css", "text/css; charset=utf-8", "staff.css");
    static readonly Asset EditorJs = Load("/js/editor.js", "text/javascript; charset=utf-8", "editor.js");

    public static string CssUrl => Css.Url;
    public static string JsUrl => Js.Url;
    public static string StaffCssUrl => StaffCss.Url;
    public static string EditorJsUrl => EditorJs.Url;

    static Asset Load(string path, string contentType, string name)
    {
        var assembly = typeof(Assets).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        return new Asset(path, contentType, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }

    public static void MapAssets(this IEndpointRouteBuilder app)
    {
        foreach (var asset in new[] { Css, Js, StaffCss, EditorJs })
        {
            app.MapGet(asset.Path, (HttpContext http) =>
            {
                var headers = http.Response.Headers;
                headers.ETag = $"\"{asset.Hash}\"";
                headers.CacheControl = http.Request.Query["v"] == asset.Hash ? "public, max-age=31536000, immutable" : "public, max-age=300";
                if (http.Request.Headers.IfNoneMatch == $"\"{asset.Hash}\"") return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Bytes(asset.Bytes, asset.ContentType);
            });
        }
    }
}
