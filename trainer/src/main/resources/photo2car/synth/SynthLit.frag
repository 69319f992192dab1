#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "photo2car/synth/SynthTone.glsllib"
uniform vec3 g_CameraPosition;
uniform vec4 m_BaseColor;
uniform float m_Roughness;
uniform float m_Metallic;
uniform float m_Reflectance;
uniform float m_ClearCoat;
uniform float m_Flake;
uniform samplerCube m_EnvMap;
uniform float m_EnvMaxLod;
uniform vec2 m_EnvRotation;
uniform vec3 m_SunDirection;
uniform vec3 m_SunColor;
uniform float m_AmbientScale;
uniform vec3 m_GroundRadiance;
uniform float m_Exposure;
#ifdef BASEMAP
uniform sampler2D m_BaseMap;
#endif
varying vec3 worldPos;
varying vec3 worldNormal;
varying vec2 texCoord;

// radiance arriving along a world direction, blurred to a roughness; below the horizon the
// reflected world is the ground the car stands on, not the environment's own ground
vec3 environment(vec3 dir, float roughness) {
    vec3 sky = textureCubeLod(m_EnvMap, rotateEnv(dir, m_EnvRotation), roughness * m_EnvMaxLod).rgb;
    float below = smoothstep(0.0, -0.08 - 0.3 * roughness, dir.y);
    return mix(sky, m_GroundRadiance, below);
}

void main() {
    vec3 n = normalize(worldNormal);
    vec3 v = normalize(g_CameraPosition - worldPos);
    float nv = dot(n, v);
    if (nv < 0.0) {
        // silhouette triangles facing away: shade as if seen edge-on
        n = normalize(n - 1.01 * nv * v);
        nv = dot(n, v);
    }
    nv = max(nv, 1e-3);
    vec3 base = m_BaseColor.rgb;
    #ifdef BASEMAP
    base *= texture2D(m_BaseMap, texCoord).rgb;
    #endif
    vec3 r = reflect(-v, n);
    float nl = max(dot(n, m_SunDirection), 0.0);
    // ambient: the most blurred mip in the normal's direction, a cheap irradiance estimate
    vec3 irradiance = environment(n, 1.0) * m_AmbientScale + m_SunColor * nl;
    vec3 diffuse = base * (1.0 - m_Metallic) * irradiance;
    vec3 f0 = mix(vec3(m_Reflectance), base, m_Metallic);
    float schlick = pow(1.0 - nv, 5.0);
    vec3 fresnel = f0 + (1.0 - f0) * schlick * (1.0 - 0.7 * m_Roughness);
    vec3 h = normalize(m_SunDirection + v);
    float a = max(m_Roughness * m_Roughness, 0.002);
    float nh = max(dot(n, h), 0.0);
    // Blinn-Phong lobe matched to GGX's width, normalised
    float shininess = 2.0 / (a * a) - 2.0;
    float sunSpec = (shininess + 8.0) / 25.1 * pow(nh, shininess) * nl;
    vec3 specular = fresnel * (environment(r, m_Roughness) + m_SunColor * sunSpec);
    // metal flake: a little of the base colour in a wider lobe
    specular += m_Flake * base * environment(r, 0.55) * (1.0 - schlick);
    vec3 color = diffuse + specular;
    if (m_ClearCoat > 0.0) {
        float coatF = 0.04 + 0.96 * schlick;
        float coatShin = 2000.0;
        float coatSpec = (coatShin + 8.0) / 25.1 * pow(nh, coatShin) * nl;
        color = color * (1.0 - m_ClearCoat * coatF)
                + m_ClearCoat * coatF * (environment(r, 0.03) + m_SunColor * coatSpec);
    }
    #ifdef FOG
    // aerial perspective: far ground fades toward the horizon of the environment
    float dist = length(g_CameraPosition - worldPos);
    float haze = 1.0 - exp(-dist * 0.006);
    vec3 horizon = textureCubeLod(m_EnvMap, rotateEnv(normalize(vec3(-v.x, 0.02, -v.z)), m_EnvRotation), 3.0).rgb;
    color = mix(color, horizon, haze);
    #endif
    gl_FragColor = vec4(cameraResponse(color, m_Exposure), 1.0);
}
