#import "Common/ShaderLib/GLSLCompat.glsllib"
#import "photo2car/synth/SynthTone.glsllib"
uniform vec3 g_CameraPosition;
uniform samplerCube m_EnvMap;
uniform float m_Blur;
uniform vec2 m_EnvRotation;
uniform float m_Exposure;
varying vec3 worldPos;
varying vec3 worldNormal;
varying vec2 texCoord;

void main() {
    vec3 d = normalize(worldPos - g_CameraPosition);
    vec3 c = textureCubeLod(m_EnvMap, rotateEnv(d, m_EnvRotation), m_Blur).rgb;
    gl_FragColor = vec4(cameraResponse(c, m_Exposure), 1.0);
}
