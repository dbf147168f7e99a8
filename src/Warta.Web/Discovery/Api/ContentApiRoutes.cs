namespace Warta.Web.Discovery.Api;

/// <summary>The content API's addresses, its public description and its reference page, once.</summary>
public static class ContentApiRoutes
{
    public const string Prefix = "/api/content";
    public const string Articles = Prefix + "/articles";
    public const string Article = Articles + "/{slug}";
    public const string Channels = Prefix + "/channels";
    public const string Tags = Prefix + "/tags";
    public const string Authors = Prefix + "/authors";
    public const string Instruments = Prefix + "/instruments";

    /// <summary>The public OpenAPI document of this API (also at /openapi/v1.json for a request without a key; with a key that address gives the admin document).</summary>
    public const string Document = "/openapi/" + ContentApiDocument.Name + ".json";

    /// <summary>The reference page for people, rendered from <see cref="Document"/>.</summary>
    public const string Reference = "/dokumentasi/api";

    public static string ArticleUrlOf(string slug) => Articles + "/" + Uri.EscapeDataString(slug);
}
