using Warta.Web.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;

namespace Warta.Web.Discovery.Search;

public static class SearchModule
{
    /// <summary>This node's index of published stories, the poller that keeps it current, and the instrument lookup for /cari.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SearchOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<KeptBlock, SearchBoxBlock>();
        // What the stored text depends on is part of the schema: a change of the free paragraphs rebuilds the index. Schema 3
        // keeps the documents in order of publication (see SearchIndexer.RebuildAsync).
        services.AddSingleton(sp => new SearchIndex(options.IndexPath, "3;free=" + sp.GetRequiredService<PaywallOptions>().FreeParagraphs)
        {
            WindowStories = Math.Max(1, configuration.GetValue("Warta:Search:WindowStories", SearchIndex.DefaultWindowStories)),
        });
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddSingleton<InstrumentLookup>();
        // Baca Juga and "Lainnya tentang ini" ask this index instead of Content's in-memory pool.
        services.Replace(ServiceDescriptor.Singleton<IRelatedStories, IndexRelatedStories>());
        return services;
    }
}
