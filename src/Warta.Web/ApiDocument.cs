using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Warta.Web.Accounts;
using Warta.Web.Shared;

namespace Warta.Web;

/// <summary>
/// The OpenAPI description of the admin (newsroom) and markets APIs, at <c>/openapi/v1.json</c>: every endpoint under
/// <c>/api</c>, tagged by feature and named, with the API-key scheme they really use.
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

    /// <summary>
    /// Serves the document to API-key holders (either scope) and to no one else. It says nothing a caller could not learn
    /// by calling, but the routes and shapes of the admin API are of use only to those who may call it, so anonymous
    /// visitors get the same 401 the API itself gives them. Staff without a key ask an admin for one.
    /// </summary>
    public static void MapApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi().RequireAuthorization(ApiAuth.AnyKeyPolicy)
            .RequireRateLimiting("api");
}
