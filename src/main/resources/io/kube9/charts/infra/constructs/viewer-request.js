// CloudFront viewer request (cloudfront-js-2.0). S3 reads a '+' in a request path as a space, so the
// literal '+' that helm repo index writes into package URLs is sent on as %2B, which S3 reads as '+'.
// Nothing else changes: the query string is a separate field, and %2B or any other escape stays as it is.
function handler(event) {
    var request = event.request;
    request.uri = request.uri.split('+').join('%2B');
    return request;
}
