namespace Warta.Web.Discovery.Api;

/// <summary><c>Warta:ContentApi</c>.</summary>
public sealed class ContentApiOptions
{
    /// <summary>Origins whose pages may call the API from a browser (<c>https://mitra.example</c>); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Requests per minute per client: per API key when a valid one is sent, else per IP address.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>How long a browser or a shared cache may reuse a response before asking again (with its ETag).</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    public ContentApiOptions Validated()
    {
        if (RequestsPerMinute < 1) throw new InvalidOperationException($"Warta:ContentApi:RequestsPerMinute is {RequestsPerMinute}; it must be at least 1.");
        if (MaxAgeSeconds is < 0 or > 86_400) throw new InvalidOperationException($"Warta:ContentApi:MaxAgeSeconds is {MaxAgeSeconds}; it must be 0–86400.");
        foreach (var origin in CorsOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
                throw new InvalidOperationException($"Warta:ContentApi:CorsOrigins has '{origin}'; each must be an origin such as https://mitra.example (scheme, host, port; no path).");
        return this;
    }
}
