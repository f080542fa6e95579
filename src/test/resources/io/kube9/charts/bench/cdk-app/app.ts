// The AWS CDK v2 side of the synthesis benchmark (SynthesisBenchmark, docs/benchmarks.md): the serving path of
// ChartHostingStack written with aws-cdk-lib, property for property where CDK has one: the private, versioned,
// encrypted chart bucket (owner-enforced, TLS only, noncurrent versions expire, stale uploads aborted), the access-log
// bucket, a DNS-validated certificate, CloudFront reading the bucket through Origin Access Control with the two cache
// policies, the security headers policy and the viewer-request function on every behaviour, and the A/AAAA aliases.
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

const DOMAIN = 'charts.kube9.io';
const NAME = 'kube9-charts-production';

class ChartHostingStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'ChartBucket', {
      bucketName: NAME,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      enforceSSL: true,
      lifecycleRules: [{
        id: 'expire-noncurrent-versions',
        noncurrentVersionExpiration: Duration.days(90),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });
    const logs = new s3.Bucket(this, 'AccessLogs', {
      bucketName: `${NAME}-logs`,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{
        id: 'expire-access-logs',
        expiration: Duration.days(365),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: 'Z0000000000000000000', zoneName: 'kube9.io' });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: '*.kube9.io',
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const cachePolicy = (id: string, name: string, comment: string, defaultTtl: Duration, maxTtl: Duration) =>
      new cloudfront.CachePolicy(this, id, {
        cachePolicyName: name, comment, minTtl: Duration.seconds(0), defaultTtl, maxTtl,
        enableAcceptEncodingGzip: true, enableAcceptEncodingBrotli: true,
        cookieBehavior: cloudfront.CacheCookieBehavior.none(),
        headerBehavior: cloudfront.CacheHeaderBehavior.none(),
        queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      });
    const charts = cachePolicy('ChartCachePolicy', `${NAME}-charts`,
      "Packages and provenance files: honour the origin's immutable Cache-Control", Duration.days(1), Duration.days(365));
    const mutable = cachePolicy('IndexCachePolicy', `${NAME}-index`,
      'Everything but packages and provenance files: edge TTL capped', Duration.minutes(5), Duration.minutes(5));
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${NAME}-security-headers`,
      comment: 'HSTS, nosniff, no framing, referrer policy',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(63072000), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const viewerRequest = new cloudfront.Function(this, 'ViewerRequest', {
      functionName: `${NAME}-viewer-request`,
      comment: 'Sends a literal + in the path on as %2B (S3 reads + as a space)',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; r.uri = r.uri.split('+').join('%2B'); return r; }"),
    });
    const origin = origins.S3BucketOrigin.withOriginAccessControl(bucket);
    const behavior = (policy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy: policy,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: viewerRequest, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    });
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Helm chart repository ${DOMAIN}`,
      domainNames: [DOMAIN],
      certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultRootObject: 'index.html',
      defaultBehavior: behavior(mutable),
      additionalBehaviors: { '*.tgz': behavior(charts), '*.prov': behavior(charts) },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
    });
    const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
    new route53.ARecord(this, 'AliasA', { zone, recordName: DOMAIN, target });
    new route53.AaaaRecord(this, 'AliasAAAA', { zone, recordName: DOMAIN, target });
  }
}

const app = new App();
new ChartHostingStack(app, NAME, { env: { account: '123456789012', region: 'us-east-1' } });
app.synth();
