using System.Net;
using System.Net.Http.Headers;

namespace IntegrationHub.Providers.Api;

/// <summary>A successful provider answer, read to the end, with its rate-limit snapshot.</summary>
internal sealed record ApiResponse(Uri RequestUrl, HttpStatusCode Status, HttpResponseHeaders Headers, string Body, RateLimitSnapshot? RateLimit);
