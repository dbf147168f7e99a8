using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Api;

/// <summary>
/// The content API's own OpenAPI document, public at <see cref="ContentApiRoutes.Document"/>: partners read it without a key,
/// while the admin document stays with key holders (/openapi/v1.json without a key gives this one). Its examples are made from the API's own types, and the
/// reference page is rendered from this document, so neither can drift from the endpoints.
/// </summary>
public static class ContentApiDocument
{
    public const string Name = "content";

    public static IServiceCollection AddContentApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o =>
        {
            o.ShouldInclude = description => description.GroupName == Name;
            o.AddDocumentTransformer((document, context, _) =>
            {
                var site = context.ApplicationServices.GetRequiredService<SiteOptions>();
                var limits = context.ApplicationServices.GetRequiredService<ContentApiOptions>();
                document.Info = new OpenApiInfo
                {
                    Title = site.Name + " content API", Version = "1",
                    Description = $"Published stories, channels, tags, authors and market instruments as JSON, free to read without a key. " +
                                  $"Times are ISO 8601 in WIB (+07:00); links are absolute. A premium story comes with its free part only (isAccessibleForFree false, bodyComplete false). " +
                                  $"Every address also answers HEAD with the same headers and no body. Each answer has an ETag: send it back in If-None-Match and an unchanged answer is 304 with no body. Answers may be cached for {limits.MaxAgeSeconds} seconds. " +
                                  $"At most {limits.RequestsPerMinute} requests a minute per client (per IP address, or per API key when you send one as Authorization: Bearer); " +
                                  "beyond that 429 with Retry-After. Bad input is a 400 validation problem (RFC 9457) naming the parameter.",
                };
                document.Servers = [new OpenApiServer { Url = site.PublicBase.AbsoluteUri.TrimEnd('/') }];
                // Every read also answers HEAD (the same headers, no body); describing each twice would only repeat it.
                foreach (var path in document.Paths.Values) path.Operations?.Remove(HttpMethod.Head);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-None-Match", In = ParameterLocation.Header, Required = false,
                    Description = "The ETag of an answer you hold; if it is still current the answer is 304 with no body.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                operation.Responses ??= new OpenApiResponses();
                if (operation.Responses.TryGetValue("304", out var notModified)) notModified.Description = "Not modified: the ETag you sent is current.";
                operation.Responses["429"] = new OpenApiResponse { Description = "Too many requests from this client; Retry-After says in how many seconds to try again." };
                var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                var site = context.ApplicationServices.GetRequiredService<SiteOptions>();
                if (operation.OperationId is { } id && ContentApiExamples.For(id, site, json) is { } example
                    && operation.Responses.TryGetValue("200", out var ok) && ok.Content?.TryGetValue("application/json", out var media) == true)
                {
                    ok.Description = "OK";
                    media.Example = example;
                }
                foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
                {
                    if (parameter.Name == "limit")
                        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = ArticleQuery.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(ArticleQuery.DefaultLimit) };
                    // The examples the reference page builds its example requests from.
                    parameter.Example = parameter.Name switch
                    {
                        "slug" => JsonValue.Create(ContentApiExamples.ArticleSlug),
                        "channel" => JsonValue.Create("ekonomi"),
                        "limit" => JsonValue.Create(2),
                        _ => null,
                    };
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The document as JSON (OpenAPI 3.1), as the public address serves it and the reference page reads it; given another
    /// document's name (the admin one), that document.
    /// </summary>
    public static async Task<string> JsonAsync(IServiceProvider services, CancellationToken ct, string name = Name)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(name).GetOpenApiDocumentAsync(ct);
        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    public static void MapContentApiDocument(IEndpointRouteBuilder app) =>
        app.MapRead(ContentApiRoutes.Document, async (HttpContext http, CancellationToken ct) =>
            {
                var json = await JsonAsync(http.RequestServices, ct);
                http.Response.Headers.CacheControl = "public, max-age=300";
                if (!HttpMethods.IsHead(http.Request.Method)) return TypedResults.Text(json, "application/json; charset=utf-8");
                // HEAD: the same headers, no body.
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(json);
                return Results.Empty;
            })
            .ExcludeFromDescription().RequireCors(ContentApiModule.CorsPolicy).RequireAuthorization(ContentApiModule.ClientPolicy)
            .RequireRateLimiting(ContentApiModule.RateLimit);
}
