#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "photo2car/synth/SynthTone.glsllib"
uniform vec3 g_CameraPosition;
uniform samplerCube m_EnvMap;
uniform float m_Blur;
uniform vec2 m_EnvRotation;
uniform float m_Exposure;
uniform vec2 g_Resolution;
#ifdef BACKDROP
uniform sampler2D m_Backdrop;
uniform vec4 m_BackdropCrop;
uniform float m_BackdropGain;
#endif
varying vec3 worldPos;
varying vec3 worldNormal;
varying vec2 texCoord;

void main() {
    #ifdef BACKDROP
    // a photo is already tone-mapped: show it as it is, only brighter or darker
    vec2 screen = gl_FragCoord.xy / g_Resolution;
    vec3 photo = texture2D(m_Backdrop, m_BackdropCrop.xy + screen * m_BackdropCrop.zw).rgb;
    gl_FragColor = vec4(clamp(photo * m_BackdropGain, 0.0, 1.0), 1.0);
    return;
    #endif
    vec3 d = normalize(worldPos - g_CameraPosition);
    vec3 c = textureCubeLod(m_EnvMap, rotateEnv(d, m_EnvRotation), m_Blur).rgb;
    gl_FragColor = vec4(cameraResponse(c, m_Exposure), 1.0);
}
