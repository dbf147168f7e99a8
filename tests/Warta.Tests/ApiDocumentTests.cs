using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts;
using Warta.Web.Discovery.Api;

namespace Warta.Tests;

public class ApiDocumentTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    const string DocumentPath = "/openapi/v1.json";

    async Task<JsonElement> DocumentAsync(string scope = ApiScopes.Newsroom)
    {
        var api = await app.ApiClientAsync(scope);
        var response = await api.GetAsync(DocumentPath);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// Served under /api but not part of the API a key holder calls: Midtrans' payment notifications (server to server,
    /// signed, described by Midtrans' own documentation).
    /// </summary>
    static readonly string[] NotForKeyHolders = ["POST " + Warta.Web.Commerce.MidtransNotifications.Path];

    /// <summary>
    /// Every method and path the running app serves under /api, written the way OpenAPI writes paths. A HEAD served beside
    /// a GET is that GET without its body, and described by it.
    /// </summary>
    List<string> AllApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods is var methods
                ? methods.Where(m => m != "HEAD" || !methods.Contains("GET")).Select(m => $"{m} {OpenApiPath(e.RoutePattern)}")
                : [])
            .Except(NotForKeyHolders)
            .Order().ToList();

    /// <summary>
    /// The endpoints this document describes: all under /api but the public content API, which has a public document of its
    /// own (<see cref="ContentApiRoutes.Document"/>) so partners can read it without a key.
    /// </summary>
    List<string> ApiEndpoints() =>
        AllApiEndpoints().Where(e => !e.Split(' ')[1].StartsWith(ContentApiRoutes.Prefix + "/", StringComparison.Ordinal)).ToList();

    static string OpenApiPath(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        _ => "",
    }))));

    static IEnumerable<(string Key, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}", o.Value)));

    [Fact]
    public async Task Without_a_key_the_address_gives_the_public_content_api_document_and_never_the_admin_one()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync(DocumentPath);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization", response.Headers.Vary);
        // The same document as the content API's own address, which a partner may read and call without a key.
        Assert.Equal(await client.GetStringAsync(ContentApiRoutes.Document), body);
        var document = JsonDocument.Parse(body).RootElement;
        Assert.EndsWith("content API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(ContentApiRoutes.Articles, paths);
        Assert.All(paths, p => Assert.StartsWith(ContentApiRoutes.Prefix + "/", p));

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, DocumentPath));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), head.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("Bearer not-a-key-of-ours-at-all")]
    [InlineData("Bearer short")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task A_wrong_key_gets_the_same_401_as_the_API_gives_it_and_no_document(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, DocumentPath);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("/api/admin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_holder_gets_the_admin_document_kept_out_of_shared_caches()
    {
        var api = await app.ApiClientAsync(ApiScopes.Newsroom);
        var response = await api.GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Authorization", response.Headers.Vary);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.True(response.Headers.CacheControl?.Private);
    }

    [Fact]
    public async Task A_markets_key_reads_the_document_as_well_as_a_newsroom_key()
    {
        var document = await DocumentAsync(ApiScopes.Markets);
        Assert.Equal("Warta admin and markets API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_document_describes_every_api_endpoint_of_the_newsroom_and_markets_and_nothing_else()
    {
        var document = await DocumentAsync();
        var expected = ApiEndpoints();
        Assert.Contains("PUT /api/admin/articles/{id}", expected);
        Assert.Contains("POST /api/markets/quotes", expected);
        Assert.Equal(expected, Operations(document).Select(o => o.Key).Order().ToList());
    }

    [Fact]
    public async Task Every_api_endpoint_is_described_by_exactly_one_document_the_key_holders_or_the_public_content_one()
    {
        var keyHolders = Operations(await DocumentAsync()).Select(o => o.Key).ToList();
        var response = await app.CreateClient().GetAsync(ContentApiRoutes.Document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = Operations(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement).Select(o => o.Key).ToList();
        Assert.Contains("GET /api/content/articles", content);
        Assert.Empty(keyHolders.Intersect(content));
        Assert.Equal(AllApiEndpoints(), keyHolders.Concat(content).Order().ToList());
    }

    [Fact]
    public async Task Every_operation_is_named_and_tagged_by_its_feature()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.Single(o.Operation.GetProperty("tags").EnumerateArray(), t => t.GetString() is "Newsroom" or "Markets" or "Academy" or "Promos"));
        var tags = operations.ToDictionary(o => o.Key, o => o.Operation.GetProperty("tags")[0].GetString());
        Assert.Equal(("Newsroom", "Markets", "Markets", "Academy"),
            (tags["POST /api/admin/articles"], tags["PUT /api/admin/instruments/{symbol}"], tags["POST /api/markets/quotes"], tags["POST /api/admin/courses"]));
    }

    [Fact]
    public async Task Keyed_operations_name_the_bearer_key_scheme_and_the_public_ticker_does_not()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiAuth.Scheme);
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        foreach (var (key, operation) in Operations(document))
        {
            if (key == "GET /api/markets/ticker")
            {
                Assert.False(operation.TryGetProperty("security", out _), key);
                continue;
            }
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            Assert.Equal([ApiAuth.Scheme], requirement.EnumerateObject().Select(p => p.Name));
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), key);
        }
    }

    [Fact]
    public async Task A_story_save_is_described_with_its_body_and_every_refusal()
    {
        var operation = Operations(await DocumentAsync()).Single(o => o.Key == "POST /api/admin/articles").Operation;
        var responses = operation.GetProperty("responses");
        Assert.Equal(["201", "400", "401", "403", "404", "409"], responses.EnumerateObject().Select(r => r.Name).Order());
        Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var fields = body.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(typeof(Warta.Web.Newsroom.ArticleInput).GetProperties().Length, fields.Count);
        Assert.Contains("publishedAt", fields);
    }

    [Fact]
    public async Task Every_operation_that_reads_a_body_describes_it()
    {
        var bodies = Operations(await DocumentAsync()).Where(o => o.Operation.TryGetProperty("requestBody", out _)).Select(o => o.Key).Order();
        Assert.Equal(["POST /api/admin/articles", "POST /api/admin/courses", "POST /api/markets/quotes", "PUT /api/admin/articles/{id}",
            "PUT /api/admin/channels/{slug}", "PUT /api/admin/instruments/{symbol}", "PUT /api/admin/promos/{slot}"], bodies);
    }
}
