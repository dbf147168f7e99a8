using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Search;

public sealed record InstrumentMatch(string Symbol, string Label, string Url);

/// <summary>
/// The market instruments a query names by symbol (BBCA, LQ45, USD/IDR): a reader who types a ticker wants its page
/// before any story. Markets' entity is another feature's type, so the table is read by its columns.
/// </summary>
public sealed class InstrumentLookup(CachedReads reads)
{
    sealed class Row
    {
        public string Symbol { get; set; } = "";
        public string Label { get; set; } = "";
    }

    // Instrument edits evict the lists (see Markets' InstrumentEditor), so the symbols are kept with them.
    Task<Dictionary<string, Row>> BySymbolAsync() =>
        reads.GetOrReadAsync(CacheTags.Lists, "search:instruments", TimeSpan.FromMinutes(10), async services =>
        {
            var rows = await services.GetRequiredService<WartaDb>().Database
                .SqlQueryRaw<Row>("SELECT \"Symbol\", \"Label\" FROM \"Instruments\"").ToListAsync();
            return rows.GroupBy(r => r.Symbol.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());
        });

    /// <summary>Every instrument's label (its company's name for a share) by its symbol in capitals.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LabelsAsync() =>
        (await BySymbolAsync()).ToDictionary(r => r.Key, r => r.Value.Label);

    public async Task<IReadOnlyList<InstrumentMatch>> MatchAsync(SearchQuery query)
    {
        if (query.IsEmpty) return [];
        var bySymbol = await BySymbolAsync();
        var words = query.Parts.SelectMany(p => p.Text.Split(' ')).Append(query.Text)
            .Select(w => w.Trim().TrimStart('$').Trim(',', '.', ';', ':', '!', '?', '*', '(', ')', '\'').ToUpperInvariant());
        return words.Distinct().Where(bySymbol.ContainsKey)
            .Select(w => bySymbol[w]).Select(r => new InstrumentMatch(r.Symbol, r.Label, InstrumentLinks.UrlOfSymbol(r.Symbol))).ToList();
    }
}
