namespace Warta.Web.Shared;

public sealed class SiteOptions
{
    /// <summary>Shown in the header and opening every dateline: <c>WARTA.CO.ID - JAKARTA.</c></summary>
    public string Name { get; set; } = "WARTA.CO.ID";
    public string Tagline { get; set; } = "Berita bisnis, keuangan dan pasar";
    /// <summary>The name without its domain (<c>WARTA</c> for <c>WARTA.CO.ID</c>), as stories and promos call the publication.</summary>
    public string Brand => Name.Split('.')[0];

    /// <summary>
    /// The site's public address (<c>https://www.warta.co.id</c>), the root of canonical links. Configured, never taken from
    /// a request's Host header (which anyone can set); when missing, the first listening address, else http://localhost.
    /// </summary>
    public string? BaseUrl { get; set; }

    public Uri PublicBase { get; private set; } = new("http://localhost/");

    /// <summary>The absolute URL of a path on this site (<c>/berita/x?halaman=2</c>).</summary>
    public string Absolute(string pathAndQuery) => new Uri(PublicBase, pathAndQuery.TrimStart('/')).AbsoluteUri;

    public static SiteOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Warta:Site").Get<SiteOptions>() ?? new SiteOptions();
        options.PublicBase = ResolveBase(options.BaseUrl, configuration["urls"]);
        return options;
    }

    static Uri ResolveBase(string? configured, string? listening)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                   && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
                ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
                : throw new InvalidOperationException($"Warta:Site:BaseUrl is '{configured}'; it must be an absolute http or https address such as https://www.warta.co.id.");
        }
        var first = listening?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is not null && Uri.TryCreate(first, UriKind.Absolute, out var url) && url.Host is not ("0.0.0.0" or "[::]" or "+" or "*")
            ? new Uri(url.GetLeftPart(UriPartial.Authority) + "/")
            : new Uri("http://localhost/");
    }
}
