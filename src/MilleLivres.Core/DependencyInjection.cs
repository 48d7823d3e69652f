using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core;

public static class DependencyInjection
{
    public static IServiceCollection AddMilleLivresCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(db.ResolvedConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName));
        });
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Accounts.UserAccounts>();
        services.AddOptions<Stock.StockOptions>().Bind(configuration.GetSection(Stock.StockOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Stock.StockOptions>, Stock.StockOptionsValidator>();
        services.AddScoped<Stock.StockLedger>();
        services.AddScoped<Stock.StockImporter>();
        services.AddScoped<Stock.StockExporter>();
        return services;
    }
}
