using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Discovery.Api;

namespace Warta.Tests.Discovery.Api;

public class ContentApiDocumentTests(ContentApiApp app) : IClassFixture<ContentApiApp>
{
    async Task<JsonElement> DocumentAsync()
    {
        var response = await app.CreateClient().GetAsync(ContentApiRoutes.Document);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every GET the running app serves under /api/content, the way OpenAPI writes paths.</summary>
    List<string> ContentEndpoints() =>
        AppEndpoints.All(app).Where(e => AppEndpoints.Route(e).StartsWith(ContentApiRoutes.Prefix + "/", StringComparison.Ordinal))
            .Select(e => AppEndpoints.Route(e)).Order().ToList();

    [Fact]
    public async Task Anyone_reads_the_document_and_it_describes_every_content_endpoint_and_nothing_else()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        Assert.Equal(ContentApiApp.BaseUrl, document.GetProperty("servers")[0].GetProperty("url").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().ToList();
        Assert.Equal(ContentEndpoints(), paths.Select(p => p.Name).Order().ToList());
        Assert.Equal(6, paths.Count);
        foreach (var path in paths)
        {
            var operation = Assert.Single(path.Value.EnumerateObject());
            Assert.Equal("get", operation.Name);
            Assert.False(operation.Value.TryGetProperty("security", out _), path.Name + " security");
            Assert.True(operation.Value.GetProperty("summary").GetString()!.Length > 0, path.Name + " summary");
            Assert.True(operation.Value.GetProperty("description").GetString()!.Length > 0, path.Name + " description");
            var responses = operation.Value.GetProperty("responses");
            var ok = responses.GetProperty("200").GetProperty("content").GetProperty("application/json");
            Assert.True(ok.TryGetProperty("schema", out _), path.Name + " schema");
            Assert.True(ok.TryGetProperty("example", out _), path.Name + " example: " + ok);
            Assert.True(responses.TryGetProperty("304", out _), path.Name + " 304: " + responses);
            Assert.True(responses.TryGetProperty("429", out _), path.Name + " 429");
        }
    }

    [Fact]
    public async Task The_articles_list_is_described_with_each_parameter_its_refusal_and_its_item_schema()
    {
        var document = await DocumentAsync();
        var list = document.GetProperty("paths").GetProperty(ContentApiRoutes.Articles).GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["author", "channel", "cursor", "fields", "from", "If-None-Match", "kind", "limit", "tag", "to"], parameters.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(parameters.Values, p => Assert.True(p.GetProperty("description").GetString()!.Length > 0));
        Assert.Equal(("integer", "100"), (parameters["limit"].GetProperty("schema").GetProperty("type").GetString(), parameters["limit"].GetProperty("schema").GetProperty("maximum").ToString()));
        Assert.True(list.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var single = document.GetProperty("paths").GetProperty(ContentApiRoutes.Article).GetProperty("get");
        Assert.True(single.GetProperty("responses").GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var item = document.GetProperty("components").GetProperty("schemas").GetProperty("ArticleItem").GetProperty("properties");
        Assert.Equal(ArticleFields.All, item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("date-time", item.GetProperty("publishedAt").GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_reference_page_renders_every_operation_with_an_example_request_and_response()
    {
        var page = await app.CreateClient().GetPageAsync(ContentApiRoutes.Reference);
        Assert.Equal("WARTA.CO.ID content API", page.Text("h1"));
        var sections = page.QuerySelectorAll("section.api-operation").ToList();
        Assert.Equal(["GET /api/content/articles", "GET /api/content/articles/{slug}", "GET /api/content/authors", "GET /api/content/channels", "GET /api/content/instruments", "GET /api/content/tags"],
            sections.Select(s => s.QuerySelector("h2")!.TextContent.Trim()).Order());
        var list = page.GetElementById("ContentArticles")!;
        Assert.Equal($"curl -i '{ContentApiApp.BaseUrl}/api/content/articles?channel=ekonomi&limit=2'", list.QuerySelector(".api-example-request")!.TextContent);
        var example = JsonDocument.Parse(list.QuerySelector(".api-example-response")!.TextContent).RootElement;
        Assert.Equal("2023-05-08T09:15:00+07:00", example.GetProperty("items")[0].GetProperty("publishedAt").GetString());
        Assert.False(example.GetProperty("items")[0].TryGetProperty("body", out _));
        Assert.Equal($"curl -i '{ContentApiApp.BaseUrl}/api/content/articles/{ContentApiExamples.ArticleSlug}'", page.GetElementById("ContentArticle")!.QuerySelector(".api-example-request")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("#skema h3"), h => h.TextContent == "ArticleItem");
        Assert.NotNull(page.QuerySelector($"a[href='{ContentApiRoutes.Document}']"));
    }
}
