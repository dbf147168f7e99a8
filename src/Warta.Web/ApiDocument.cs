using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Warta.Web.Discovery.Api;
using Microsoft.OpenApi;
using Warta.Web.Accounts;
using Warta.Web.Shared;

namespace Warta.Web;

/// <summary>
/// The OpenAPI description of the admin (newsroom) and markets APIs, at <c>/openapi/v1.json</c> for key holders: every
/// endpoint under <c>/api</c>, tagged by feature and named, with the API-key scheme they really use. Without a key the same
/// address gives the public content API's document (<see cref="MapApiDocument"/>).
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o =>
        {
            // Only the APIs for other programs: the editor page's own script endpoints (/redaksi/api) are not one of them.
            // The public content API has a document of its own (its group name), which anyone may read.
            o.ShouldInclude = description => description.GroupName is null && description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Warta admin and markets API", Version = Name,
                    Description = "Stories, channels, media, promos, courses and instruments for the newsroom's programs; quotes in and the ticker out for markets. " +
                                  "Bad input is answered with a 400 validation problem whose errors are keyed by the JSON property sent; send Accept-Language: id for the messages staff see on Warta's pages.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiAuth.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = "Authorization: Bearer <key>. An admin creates keys on /redaksi/admin/kunci-api, each with the scope newsroom or markets; " +
                                  "the secret is shown once. A newsroom key may call every endpoint here; a markets key may post quotes.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<JsonBody>().FirstOrDefault() is { } body)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) } },
                    };
                }
                var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
                if (policies.Count == 0) return;
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiAuth.Scheme, context.Document)] = [] }];
                var scope = policies.Contains(ApiAuth.QuotesPolicy) ? "Needs an API key with the scope newsroom or markets." : "Needs an API key with the scope newsroom.";
                operation.Description = operation.Description is { Length: > 0 } described ? described + " " + scope : scope;
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or one that is unknown or revoked." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's scope does not allow this." });
            });
        });

    /// <summary>The document's address: <c>/openapi/v1.json</c>.</summary>
    public const string Path = "/openapi/" + Name + ".json";

    /// <summary>
    /// <c>/openapi/v1.json</c> answers by who asks. A request without an <c>Authorization</c> header is a partner or a
    /// crawler looking for Warta's public API: it gets the public content API's document, the same bytes as
    /// <see cref="ContentApiRoutes.Document"/>. A request with a key gets the admin and markets document when the key is
    /// valid (either scope), and the same 401 or 403 the API itself gives otherwise: the routes and shapes of the admin API
    /// are of use only to those who may call it. The answer varies by <c>Authorization</c>, so no cache hands one to the other.
    /// </summary>
    public static void MapApiDocument(this IEndpointRouteBuilder app) =>
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], async (HttpContext http, IAuthorizationService authorization, CancellationToken ct) =>
            {
                http.Response.Headers.Vary = HeaderNames.Authorization;
                string json;
                if (!http.Request.Headers.ContainsKey(HeaderNames.Authorization))
                {
                    json = await ContentApiDocument.JsonAsync(http.RequestServices, ct);
                    http.Response.Headers.CacheControl = "public, max-age=300";
                }
                else
                {
                    var signedIn = await http.AuthenticateAsync(ApiAuth.Scheme);
                    var user = signedIn.Principal ?? new System.Security.Claims.ClaimsPrincipal();
                    if (!(await authorization.AuthorizeAsync(user, ApiAuth.AnyKeyPolicy)).Succeeded)
                    {
                        if (signedIn.Succeeded) await http.ForbidAsync(ApiAuth.Scheme);
                        else await http.ChallengeAsync(ApiAuth.Scheme);
                        return;
                    }
                    json = await ContentApiDocument.JsonAsync(http.RequestServices, ct, Name);
                    http.Response.Headers.CacheControl = "private, no-store";
                }
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(json);
                if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.WriteAsync(json, ct);
            })
            .ExcludeFromDescription().RequireCors(ContentApiModule.CorsPolicy).RequireRateLimiting("api");

}
